import { closest, distance } from 'fastest-levenshtein';
import { createRandom } from '../random.js';
import { EnvVar, LogEvent, MAX_LAMBDA_TIMEOUT_MS, WarningCode } from './constants.js';
import { getConfigEnv, isChaosDisabled } from './env.js';
import { ChaosConfigError, ChaosOptionsError, InjectedFaultError, InjectedThrottleError, InjectedTimeoutError } from './errors.js';
import type { FaultLedgerEntry } from './ledger.js';
import { parseChaosConfig } from './parseChaosConfig.js';
import { drawLatency, selectFaults } from './selectFaults.js';
import type { SelectedFault } from './selectFaults.js';
import type { ChaosConfig, ChaosInvocationInfo, LambdaContextLike, WithChaosOptions } from './types.js';

/** What one invocation will suffer, decided before the handler runs. */
export interface InjectionPlan {
  /** Latency steps first, then at most one ending fault. Never empty. */
  steps: PlannedFault[];
  config: ChaosConfig;
  context: LambdaContextLike;
  attempt: number | undefined;
  info: ChaosInvocationInfo | undefined;
}

export interface PlannedFault extends SelectedFault {
  /** `latency` only: the delay drawn for this invocation. */
  latencyMs?: number;
}

const OPTION_NAMES = ['config', 'sleep', 'now', 'invocationInfo', 'log'] as const;
const FUNCTION_OPTIONS = ['sleep', 'now', 'invocationInfo', 'log'] as const;

/** setTimeout cannot wait longer than this in one go (it fires at once instead). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const ATTEMPT_HINT =
  'add "RetryCount.$": "$$.State.RetryCount" to the state\'s Payload (Parameters for a function-ARN Resource) so the injector can tell the attempt';

/**
 * The engine shared by `withChaos` and `chaosMiddleware`. One instance serves one wrapped handler for
 * its whole life (in Lambda: the execution environment), so it keeps the seeded generators and the
 * set of warnings already written across invocations.
 *
 * Contract: {@link ChaosInjector.plan} and {@link ChaosInjector.apply} never throw. The only error
 * that leaves the injector is the injected one, returned by `apply` for the caller to raise; any other
 * failure is logged as a warning and the handler runs as if no fault was configured.
 */
export class ChaosInjector {
  readonly #config: WithChaosOptions['config'];
  readonly #sleep: (ms: number, context: LambdaContextLike) => Promise<void>;
  readonly #now: (context: LambdaContextLike) => number;
  readonly #invocationInfo: WithChaosOptions['invocationInfo'];
  readonly #log: (line: Record<string, unknown>) => void;
  /** Parse results of config objects already seen (an options object is usually passed once and reused). */
  readonly #parsed = new WeakMap<object, ChaosConfig | ChaosConfigError>();
  #envConfig: { raw: string; result: ChaosConfig | ChaosConfigError } | undefined;
  #random: { seed: ChaosConfig['seed']; select: () => number; latency: () => number } | undefined;
  readonly #warned = new Set<string>();

  constructor(options: WithChaosOptions = {}) {
    checkOptions(options);
    this.#config = options.config;
    this.#sleep = options.sleep ?? realSleep;
    this.#now = options.now ?? (() => Date.now());
    this.#invocationInfo = options.invocationInfo;
    this.#log = options.log ?? logJsonLine;
  }

  /** Decides which faults fire on this invocation; `undefined` when the handler should simply run. */
  plan(event: unknown, rawContext: LambdaContextLike | undefined): InjectionPlan | undefined {
    const context: LambdaContextLike = rawContext ?? {};
    try {
      if (isChaosDisabled()) return undefined;
      const config = this.#resolveConfig(context);
      if (config === undefined || config.faults.length === 0) return undefined;
      if (config.expiresAt !== undefined && this.#now(context) >= Date.parse(config.expiresAt)) return undefined;

      const info = this.#invocationInfo?.(event, context) ?? undefined;
      const attempt = attemptOf(info, event);
      const random = this.#randomFor(config.seed);
      const selection = selectFaults(config.faults, attempt, random.select);
      if (selection.undecided.length > 0) {
        const faultIds = selection.undecided.map((fault) => fault.faultId);
        this.#warnOnce(WarningCode.AttemptUnknown, context, {
          message: `fault(s) ${faultIds.map((id) => `"${id}"`).join(', ')} fire on chosen attempts, but this invocation carries no attempt number, so they did not fire; ${ATTEMPT_HINT}`,
          faultIds,
        });
      }
      if (selection.fired.length === 0) return undefined;
      const steps = selection.fired.map((fault): PlannedFault =>
        fault.rule.kind === 'latency' && fault.rule.latencyMs !== undefined
          ? { ...fault, latencyMs: drawLatency(fault.rule.latencyMs, random.latency) }
          : fault,
      );
      return { steps, config, context, attempt, info };
    } catch (error) {
      this.#warnFailure(context, error);
      return undefined;
    }
  }

  /**
   * Carries out a plan: writes a ledger line for each fault, sleeps for latency and timeouts, and
   * returns the error to raise, if any. Resolves with `undefined` when the handler should run next.
   */
  async apply(plan: InjectionPlan): Promise<InjectedFaultError | undefined> {
    const { context } = plan;
    for (const step of plan.steps) {
      try {
        const source = { faultId: step.faultId, kind: step.rule.kind };
        switch (step.rule.kind) {
          case 'latency': {
            const delayMs = step.latencyMs ?? 0;
            this.#ledger(plan, step, { errorName: null, errorMessage: null, delayMs });
            await this.#sleep(delayMs, context);
            break;
          }
          case 'error': {
            const error = new InjectedFaultError(
              step.rule.errorName ?? 'Error',
              step.rule.message ?? `Injected by sfn-chaos (fault "${step.faultId}")`,
              source,
            );
            this.#ledger(plan, step, { errorName: error.name, errorMessage: error.message, delayMs: null });
            return error;
          }
          case 'throttle': {
            const error = new InjectedThrottleError(source, step.rule.message);
            this.#ledger(plan, step, { errorName: error.name, errorMessage: error.message, delayMs: null });
            return error;
          }
          case 'timeout': {
            const hangMs = timeoutHang(step.rule.durationMs, context);
            const error = new InjectedTimeoutError(source, hangMs, context.awsRequestId);
            this.#ledger(plan, step, { errorName: error.name, errorMessage: error.message, delayMs: hangMs });
            await this.#sleep(hangMs, context);
            // Still running: nothing stopped the hang (no enforced timeout, or durationMs was shorter
            // than the time left). End the way a function that never answers ends in Lambda.
            return error;
          }
        }
      } catch (error) {
        this.#warnFailure(context, error);
        return undefined;
      }
    }
    return undefined;
  }

  #resolveConfig(context: LambdaContextLike): ChaosConfig | undefined {
    let given: unknown;
    try {
      given = typeof this.#config === 'function' ? this.#config() : this.#config;
    } catch (error) {
      this.#warnInvalidConfig(context, 'options.config', new ChaosConfigError('config', `the config function threw: ${describeError(error)}`));
      return undefined;
    }
    if (given !== undefined) return this.#parseGiven(given, context);

    const raw = getConfigEnv();
    if (raw === undefined) return undefined;
    if (this.#envConfig?.raw !== raw) this.#envConfig = { raw, result: parseEnvConfig(raw) };
    const { result } = this.#envConfig;
    if (result instanceof ChaosConfigError) {
      this.#warnInvalidConfig(context, EnvVar.Config, result);
      return undefined;
    }
    return result;
  }

  #parseGiven(given: unknown, context: LambdaContextLike): ChaosConfig | undefined {
    const cacheable = typeof given === 'object' && given !== null;
    let result = cacheable ? this.#parsed.get(given) : undefined;
    if (result === undefined) {
      result = parseOrError(() => parseChaosConfig(given));
      if (cacheable) this.#parsed.set(given, result);
    }
    if (result instanceof ChaosConfigError) {
      this.#warnInvalidConfig(context, 'options.config', result);
      return undefined;
    }
    return result;
  }

  #randomFor(seed: ChaosConfig['seed']): { select: () => number; latency: () => number } {
    if (seed === undefined) return { select: Math.random, latency: Math.random };
    if (this.#random?.seed !== seed) {
      // Latency draws use their own stream so that they never shift the fire/skip sequence.
      this.#random = { seed, select: createRandom(seed), latency: createRandom(`${String(seed)}:latency`) };
    }
    return this.#random;
  }

  #ledger(plan: InjectionPlan, step: PlannedFault, effect: Pick<FaultLedgerEntry, 'errorName' | 'errorMessage' | 'delayMs'>): void {
    const { config, context, info } = plan;
    const entry: FaultLedgerEntry = {
      sfnChaos: LogEvent.FaultInjected,
      faultId: step.faultId,
      kind: step.rule.kind,
      ...effect,
      trigger: step.trigger,
      attempt: plan.attempt ?? null,
      runId: config.runId ?? null,
      scenarioId: config.scenarioId ?? null,
      functionName: stringOrNull(context.functionName),
      awsRequestId: stringOrNull(context.awsRequestId),
      executionArn: stringOrNull(info?.executionArn),
      stateName: stringOrNull(info?.stateName),
      timestamp: new Date(this.#now(context)).toISOString(),
    };
    this.#emit(entry);
  }

  #warnInvalidConfig(context: LambdaContextLike, source: string, error: ChaosConfigError): void {
    this.#warnOnce(WarningCode.InvalidConfig, context, {
      message: `ignoring the fault config from ${source}, nothing is injected: ${error.message}`,
      source,
      field: error.field,
    });
  }

  #warnFailure(context: LambdaContextLike, error: unknown): void {
    this.#warnOnce(WarningCode.InjectorFailed, context, {
      message: `the injector failed and injected nothing; the handler runs untouched: ${describeError(error)}`,
    });
  }

  /** Writes a warning the first time this wrapped handler meets it; repeats stay silent. */
  #warnOnce(code: string, context: LambdaContextLike, details: { message: string } & Record<string, unknown>): void {
    const key = `${code}\u0000${details.message}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#emit({
      sfnChaos: LogEvent.Warning,
      level: 'WARN',
      code,
      ...details,
      functionName: stringOrNull(context.functionName),
      awsRequestId: stringOrNull(context.awsRequestId),
    });
  }

  #emit(line: Record<string, unknown>): void {
    try {
      this.#log(line);
    } catch {
      // A failing logger must not change what the handler returns; the line is lost.
    }
  }
}

function checkOptions(options: WithChaosOptions): void {
  if (typeof options !== 'object' || options === null) throw new ChaosOptionsError('options', 'must be an object');
  for (const name of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      const candidate = closest(name, [...OPTION_NAMES]);
      const hint = distance(name, candidate) <= 2 ? `; did you mean "${candidate}"?` : '';
      throw new ChaosOptionsError(name, `unknown option${hint} (known: ${OPTION_NAMES.join(', ')})`);
    }
  }
  for (const name of FUNCTION_OPTIONS) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new ChaosOptionsError(name, 'must be a function');
  }
  const config: unknown = options.config;
  if (config !== undefined && typeof config !== 'function' && (typeof config !== 'object' || config === null)) {
    throw new ChaosOptionsError('config', 'must be a config object or a function returning one');
  }
}

/** 1-based attempt: from the caller's invocation facts first, else the payload's `RetryCount`. */
export function attemptOf(info: ChaosInvocationInfo | undefined, event: unknown): number | undefined {
  if (isRetryCount(info?.retryCount)) return info.retryCount + 1;
  if (typeof event === 'object' && event !== null && !Array.isArray(event)) {
    const retryCount = (event as Record<string, unknown>)['RetryCount'];
    if (isRetryCount(retryCount)) return retryCount + 1;
  }
  return undefined;
}

function isRetryCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** How long a `timeout` fault hangs: `durationMs` or the time left, never past the time left. */
function timeoutHang(durationMs: number | undefined, context: LambdaContextLike): number {
  const reported = context.getRemainingTimeInMillis?.();
  const remaining = typeof reported === 'number' && Number.isFinite(reported) ? Math.max(0, reported) : undefined;
  if (durationMs === undefined) return remaining ?? MAX_LAMBDA_TIMEOUT_MS;
  return remaining === undefined ? durationMs : Math.min(durationMs, remaining);
}

function parseEnvConfig(raw: string): ChaosConfig | ChaosConfigError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return new ChaosConfigError(EnvVar.Config, `is not valid JSON (${describeError(error)})`);
  }
  return parseOrError(() => parseChaosConfig(value));
}

function parseOrError(parse: () => ChaosConfig): ChaosConfig | ChaosConfigError {
  try {
    return parse();
  } catch (error) {
    return error instanceof ChaosConfigError ? error : new ChaosConfigError('config', describeError(error), { cause: error });
  }
}

async function realSleep(ms: number): Promise<void> {
  let left = ms;
  do {
    const step = Math.min(left, MAX_TIMER_MS);
    await new Promise<void>((resolve) => setTimeout(resolve, step));
    left -= step;
  } while (left > 0);
}

function logJsonLine(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
