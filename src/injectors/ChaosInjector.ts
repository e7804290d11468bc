import { checkOptions } from './checkOptions.js';
import { ConfigResolver } from './ConfigResolver.js';
import type { ResolvedConfig } from './ConfigResolver.js';
import { getChaosEnvironment } from './env.js';
import type { InjectedFaultError } from './errors.js';
import { FaultApplier } from './FaultApplier.js';
import { FaultPlanner } from './FaultPlanner.js';
import { FaultRandoms } from './faultRandoms.js';
import type { InjectionPlan } from './InjectionPlan.js';
import { InjectorLog, logJsonLine } from './InjectorLog.js';
import { realSleep } from './realSleep.js';
import type { LambdaContextLike, WithChaosOptions } from './types.js';

/**
 * The engine shared by `withChaos` and `chaosMiddleware`. One instance serves one wrapped handler for
 * its whole life (in Lambda: the execution environment), so it keeps the seeded generators and the
 * set of warnings already written across invocations. It only coordinates: {@link ConfigResolver}
 * finds the config, {@link FaultPlanner} decides what fires, {@link FaultApplier} carries it out, and
 * {@link InjectorLog} writes the ledger lines and warnings.
 *
 * Contract: {@link ChaosInjector.plan} and {@link ChaosInjector.apply} never throw. The only error
 * that leaves the injector is the injected one, returned by `apply` for the caller to raise; any other
 * failure is logged as a warning and the handler runs as if no fault was configured.
 *
 * @example
 * ```ts
 * const injector = new ChaosInjector({ config });
 * const plan = await injector.plan(event, context);
 * const raise = plan && (await injector.apply(plan));
 * if (raise) throw raise;
 * ```
 */
export class ChaosInjector {
  readonly #log: InjectorLog;
  readonly #configs: ConfigResolver;
  readonly #planner: FaultPlanner;
  readonly #applier: FaultApplier;

  constructor(options: WithChaosOptions = {}) {
    checkOptions(options);
    const now = options.now ?? (() => Date.now());
    this.#log = new InjectorLog(options.log ?? logJsonLine);
    const configs = new ConfigResolver(
      { config: options.config, ssm: options.ssm ?? {}, payloadOverride: options.payloadOverride ?? true, now },
      this.#log,
    );
    this.#configs = configs;
    this.#planner = new FaultPlanner({
      now,
      invocationInfo: options.invocationInfo,
      randoms: new FaultRandoms(),
      log: this.#log,
      describeSource: (source) => configs.describeSource(source),
    });
    this.#applier = new FaultApplier({ sleep: options.sleep ?? realSleep, now, log: this.#log });
  }

  /**
   * Decides which faults fire on this invocation; `undefined` when the handler should simply run.
   * Synchronous except before the first read of an SSM parameter, when it returns a promise (the
   * first invocation waits for that read; later ones use the cached value).
   */
  plan(event: unknown, rawContext: LambdaContextLike | undefined): InjectionPlan | undefined | Promise<InjectionPlan | undefined> {
    const context: LambdaContextLike = rawContext ?? {};
    try {
      const env = getChaosEnvironment();
      if (env.disabled) return undefined;
      const resolved = this.#configs.resolve(event, context, env);
      if (resolved instanceof Promise) {
        return resolved.then(
          (ready) => this.#planFor(ready, event, context),
          (error: unknown) => {
            this.#log.warnFailure(context, error);
            return undefined;
          },
        );
      }
      return this.#planFor(resolved, event, context);
    } catch (error) {
      this.#log.warnFailure(context, error);
      return undefined;
    }
  }

  /**
   * Carries out a plan: writes a ledger line for each fault, sleeps for latency and timeouts, and
   * gives the error to raise, if any, or `undefined` when the handler should run next. Synchronous
   * unless the plan has to sleep (`latency`, `timeout`): an `error` or `throttle` fault is decided at
   * once, so the wrapper can reject without waiting for a tick.
   */
  apply(plan: InjectionPlan): InjectedFaultError | undefined | Promise<InjectedFaultError | undefined> {
    return this.#applier.apply(plan);
  }

  #planFor(resolved: ResolvedConfig | undefined, event: unknown, context: LambdaContextLike): InjectionPlan | undefined {
    return this.#planner.plan(resolved, event, context);
  }
}
