import { LogEvent } from './constants.js';
import type { InjectedFaultError } from './errors.js';
import { faultKindOf } from './faultKinds/index.js';
import type { InjectionPlan, PlannedFault } from './InjectionPlan.js';
import { stringOrNull, type InjectorLog } from './InjectorLog.js';
import { isoTimestamp } from '../isoTimestamp.js';
import type { FaultLedgerEntry } from './ledger.js';
import type { LambdaContextLike } from './types.js';

/** What a {@link FaultApplier} needs: the `sleep` and `now` options, and the log. */
export interface FaultApplierOptions {
  sleep: (ms: number, context: LambdaContextLike) => Promise<void>;
  now: (context: LambdaContextLike) => number;
  log: InjectorLog;
}

/**
 * Carries out a plan, step by step: each fault's kind says what it does, a ledger line is written
 * for it, then the applier sleeps (latency, timeout) and gives back the error to raise, if any.
 * Never throws: a failure is logged as a warning and the handler runs as if nothing fired.
 *
 * @example
 * ```ts
 * const applier = new FaultApplier({ sleep: realSleep, now: () => Date.now(), log });
 * const raise = await applier.apply(plan);
 * if (raise) throw raise;
 * ```
 */
export class FaultApplier {
  readonly #options: FaultApplierOptions;

  constructor(options: FaultApplierOptions) {
    this.#options = options;
  }

  /**
   * Synchronous unless the plan has to sleep (`latency`, `timeout`): an `error` or `throttle` fault
   * is decided at once, so the wrapper can reject without waiting for a tick.
   */
  apply(plan: InjectionPlan): InjectedFaultError | undefined | Promise<InjectedFaultError | undefined> {
    return this.#applyFrom(plan, 0);
  }

  #applyFrom(plan: InjectionPlan, first: number): InjectedFaultError | undefined | Promise<InjectedFaultError | undefined> {
    const { context, steps } = plan;
    for (let index = first; index < steps.length; index++) {
      const step = steps[index] as PlannedFault;
      try {
        const effect = faultKindOf(step.rule.kind).apply(step.rule, { faultId: step.faultId, context, drawnDelayMs: step.drawnDelayMs });
        const { raise, waitMs } = effect;
        this.#ledger(plan, step, raise?.name ?? null, raise?.message ?? null, waitMs ?? null);
        if (waitMs !== undefined) {
          return Promise.resolve(this.#options.sleep(waitMs, context)).then(
            () => raise ?? this.#applyFrom(plan, index + 1),
            (failure: unknown) => this.#failed(context, failure),
          );
        }
        if (raise !== undefined) return raise;
      } catch (error) {
        return this.#failed(context, error);
      }
    }
    return undefined;
  }

  #failed(context: LambdaContextLike, error: unknown): undefined {
    this.#options.log.warnFailure(context, error);
    return undefined;
  }

  #ledger(plan: InjectionPlan, step: PlannedFault, errorName: string | null, errorMessage: string | null, delayMs: number | null): void {
    const { config, context, info } = plan;
    const entry: FaultLedgerEntry = {
      sfnChaos: LogEvent.FaultInjected,
      configSource: plan.source,
      faultId: step.faultId,
      kind: step.rule.kind,
      errorName,
      errorMessage,
      delayMs,
      trigger: step.trigger,
      attempt: plan.attempt ?? null,
      runId: config.runId ?? null,
      scenarioId: config.scenarioId ?? null,
      functionName: stringOrNull(context.functionName),
      awsRequestId: stringOrNull(context.awsRequestId),
      executionArn: stringOrNull(info?.executionArn),
      stateName: stringOrNull(info?.stateName),
      timestamp: isoTimestamp(this.#options.now(context)),
    };
    this.#options.log.emit(entry);
  }
}
