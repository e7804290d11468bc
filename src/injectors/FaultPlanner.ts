import { withFields } from '../withFields.js';
import { attemptOf, ATTEMPT_HINT } from './attemptOf.js';
import { WarningCode } from './constants.js';
import type { ConfigSource } from './constants.js';
import type { ResolvedConfig } from './ConfigResolver.js';
import type { FaultRandoms } from './faultRandoms.js';
import { faultKindOf } from './faultKinds/index.js';
import type { InjectionPlan, PlannedFault } from './InjectionPlan.js';
import type { InjectorLog } from './InjectorLog.js';
import { matchesPayload } from './matchesPayload.js';
import { selectFaults } from './selectFaults.js';
import type { ChaosConfig, FaultRule, LambdaContextLike, WithChaosOptions } from './types.js';

/** What a {@link FaultPlanner} reads besides the config: the options, the random streams, the log. */
export interface FaultPlannerOptions {
  now: (context: LambdaContextLike) => number;
  invocationInfo: WithChaosOptions['invocationInfo'];
  randoms: FaultRandoms;
  log: InjectorLog;
  /** How the expiry warning names a config's source. */
  describeSource: (source: ConfigSource) => string;
}

/**
 * Turns the config chosen for an invocation into a plan: nothing when it arms no fault or has
 * expired, else the faults that fire (by `rate`, `attempts` and `match`) with their drawn delays.
 * Never throws: a failure is logged as a warning and nothing is planned.
 *
 * @example
 * ```ts
 * const planner = new FaultPlanner({ now, invocationInfo: undefined, randoms, log, describeSource });
 * planner.plan({ config, source: ConfigSource.Options }, event, context)?.steps;
 * ```
 */
export class FaultPlanner {
  readonly #options: FaultPlannerOptions;

  constructor(options: FaultPlannerOptions) {
    this.#options = options;
  }

  plan(resolved: ResolvedConfig | undefined, event: unknown, context: LambdaContextLike): InjectionPlan | undefined {
    const { now, invocationInfo, randoms, log, describeSource } = this.#options;
    try {
      if (resolved === undefined) return undefined;
      const { config, source } = resolved;
      if (config.faults.length === 0) return undefined;
      if (config.expiresAt !== undefined && (resolved.now ?? now(context)) >= expiryOf(config)) {
        log.warnOnce(WarningCode.ConfigExpired, context, {
          message: `the fault config from ${describeSource(source)} expired at ${config.expiresAt}, nothing is injected; give it a later expiresAt to arm it again`,
          source,
          expiresAt: config.expiresAt,
        });
        return undefined;
      }

      const info = invocationInfo?.(event, context) ?? undefined;
      const attempt = attemptOf(info, event);
      const random = randoms.for(config.seed);
      const selection = selectFaults(
        config.faults,
        attempt,
        random.select,
        (rule: FaultRule) => rule.match === undefined || matchesPayload(rule.match, event),
      );
      if (selection.undecided.length > 0) {
        const faultIds = selection.undecided.map((fault) => fault.faultId);
        log.warnOnce(WarningCode.AttemptUnknown, context, {
          message: `fault(s) ${faultIds.map((id) => `"${id}"`).join(', ')} fire on chosen attempts, but this invocation carries no attempt number, so they did not fire; ${ATTEMPT_HINT}`,
          faultIds,
        });
      }
      if (selection.fired.length === 0) return undefined;
      const steps = selection.fired.map((fault): PlannedFault => {
        const drawnDelayMs = faultKindOf(fault.rule.kind).drawDelayMs?.(fault.rule, random.latency);
        return drawnDelayMs === undefined ? fault : withFields(fault, { drawnDelayMs });
      });
      return { steps, config, source, context, attempt, info };
    } catch (error) {
      log.warnFailure(context, error);
      return undefined;
    }
  }
}

/**
 * `expiresAt` in ms. Parsed on every invocation that has one: keeping the result in a WeakMap by config
 * object cost V8's garbage collector more than the parse (a config is a new object per local execution).
 */
function expiryOf(config: ChaosConfig): number {
  return config.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(config.expiresAt);
}
