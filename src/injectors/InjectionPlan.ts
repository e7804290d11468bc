import type { ConfigSource } from './constants.js';
import type { SelectedFault } from './selectFaults.js';
import type { ChaosConfig, ChaosInvocationInfo, LambdaContextLike } from './types.js';

/**
 * What one invocation will suffer, decided before the handler runs.
 *
 * @example
 * ```ts
 * const plan = await injector.plan(event, context);
 * plan?.steps.map((step) => step.faultId); // e.g. ['slow', 'error-1']
 * ```
 */
export interface InjectionPlan {
  /** Latency steps first, then at most one ending fault. Never empty. */
  steps: PlannedFault[];
  config: ChaosConfig;
  /** Where `config` came from. */
  source: ConfigSource;
  context: LambdaContextLike;
  attempt: number | undefined;
  info: ChaosInvocationInfo | undefined;
}

/**
 * One fault of a plan: the rule selected, and what was drawn for it.
 *
 * @example
 * ```ts
 * const step: PlannedFault = { rule, index: 0, faultId: 'slow', trigger: 'always', drawnDelayMs: 350 };
 * ```
 */
export interface PlannedFault extends SelectedFault {
  /** The delay drawn for this invocation, for a kind that draws one (`latency`). */
  drawnDelayMs?: number;
}
