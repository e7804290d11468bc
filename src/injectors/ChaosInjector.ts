import { closest, distance } from 'fastest-levenshtein';
import { createRandom } from '../random.js';
import {
  ConfigSource,
  DEFAULT_SSM_READ_TIMEOUT_MS,
  DEFAULT_SSM_TTL_MS,
  EnvVar,
  LogEvent,
  PAYLOAD_OVERRIDE_KEY,
  WarningCode,
} from './constants.js';
import { getChaosEnvironment } from './env.js';
import { isoTimestamp } from './isoTimestamp.js';
import { ChaosConfigError, ChaosOptionsError } from './errors.js';
import type { InjectedFaultError } from './errors.js';
import { faultKindOf } from './faultKinds/index.js';
import type { ChaosEnvironment } from './env.js';
import type { FaultLedgerEntry } from './ledger.js';
import { matchesPayload } from './matchesPayload.js';
import { parseChaosConfig } from './parseChaosConfig.js';
import { selectFaults } from './selectFaults.js';
import type { SelectedFault } from './selectFaults.js';
import { SsmConfigSource } from './SsmConfigSource.js';
import type { SsmConfigValue, SsmReadFailure } from './SsmConfigSource.js';
import type { ChaosConfig, ChaosInvocationInfo, FaultRule, LambdaContextLike, SsmConfigOptions, WithChaosOptions } from './types.js';

/** What one invocation will suffer, decided before the handler runs. */
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

export interface PlannedFault extends SelectedFault {
  /** The delay drawn for this invocation, for a kind that draws one (`latency`). */
  drawnDelayMs?: number;
}

/** The config chosen for one invocation, with where it came from. */
interface ResolvedConfig {
  config: ChaosConfig;
  source: ConfigSource;
  /** The time the source was consulted at, when it needed one (saves reading the clock twice). */
  now?: number;
}

/** How a warning names where a config came from. */
const CONFIG_SOURCE_LABELS: Record<ConfigSource, string> = {
  [ConfigSource.Payload]: `payload.${PAYLOAD_OVERRIDE_KEY}`,
  [ConfigSource.Options]: 'options.config',
  [ConfigSource.Ssm]: 'SSM',
  [ConfigSource.Env]: EnvVar.Config,
};

const OPTION_NAMES = ['config', 'ssm', 'payloadOverride', 'sleep', 'now', 'invocationInfo', 'log'] as const;
const FUNCTION_OPTIONS = ['sleep', 'now', 'invocationInfo', 'log'] as const;
const SSM_OPTION_NAMES = ['parameterName', 'ttlMs', 'readTimeoutMs', 'client'] as const;

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
  readonly #ssmOptions: SsmConfigOptions;
  readonly #payloadOverride: boolean;
  #ssmSource: SsmConfigSource | undefined;
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
    this.#ssmOptions = options.ssm ?? {};
    this.#payloadOverride = options.payloadOverride ?? true;
    this.#sleep = options.sleep ?? realSleep;
    this.#now = options.now ?? (() => Date.now());
    this.#invocationInfo = options.invocationInfo;
    this.#log = options.log ?? logJsonLine;
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
      const resolved = this.#resolveConfig(event, context, env);
      if (resolved instanceof Promise) {
        return resolved.then(
          (ready) => this.#planFor(ready, event, context),
          (error: unknown) => {
            this.#warnFailure(context, error);
            return undefined;
          },
        );
      }
      return this.#planFor(resolved, event, context);
    } catch (error) {
      this.#warnFailure(context, error);
      return undefined;
    }
  }

  #planFor(resolved: ResolvedConfig | undefined, event: unknown, context: LambdaContextLike): InjectionPlan | undefined {
    try {
      if (resolved === undefined) return undefined;
      const { config, source } = resolved;
      if (config.faults.length === 0) return undefined;
      if (config.expiresAt !== undefined && (resolved.now ?? this.#now(context)) >= expiryOf(config)) {
        this.#warnOnce(WarningCode.ConfigExpired, context, {
          message: `the fault config from ${source === ConfigSource.Ssm && this.#ssmSource ? `SSM parameter ${this.#ssmSource.parameterName}` : CONFIG_SOURCE_LABELS[source]} expired at ${config.expiresAt}, nothing is injected; give it a later expiresAt to arm it again`,
          source,
          expiresAt: config.expiresAt,
        });
        return undefined;
      }

      const info = this.#invocationInfo?.(event, context) ?? undefined;
      const attempt = attemptOf(info, event);
      const random = this.#randomFor(config.seed);
      const selection = selectFaults(config.faults, attempt, random.select, (rule: FaultRule) => rule.match === undefined || matchesPayload(rule.match, event));
      if (selection.undecided.length > 0) {
        const faultIds = selection.undecided.map((fault) => fault.faultId);
        this.#warnOnce(WarningCode.AttemptUnknown, context, {
          message: `fault(s) ${faultIds.map((id) => `"${id}"`).join(', ')} fire on chosen attempts, but this invocation carries no attempt number, so they did not fire; ${ATTEMPT_HINT}`,
          faultIds,
        });
      }
      if (selection.fired.length === 0) return undefined;
      const steps = selection.fired.map((fault): PlannedFault => {
        const drawnDelayMs = faultKindOf(fault.rule.kind).drawDelayMs?.(fault.rule, random.latency);
        return drawnDelayMs === undefined ? fault : { ...fault, drawnDelayMs };
      });
      return { steps, config, source, context, attempt, info };
    } catch (error) {
      this.#warnFailure(context, error);
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
          return Promise.resolve(this.#sleep(waitMs, context)).then(
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
    this.#warnFailure(context, error);
    return undefined;
  }

  /**
   * The config for this invocation. The first source that has one wins, and sources are never merged:
   * the payload's `sfnChaos` key, then the `config` option, then the SSM parameter, then
   * `SFN_CHAOS_CONFIG`. A source that has a config which fails validation wins too (nothing is
   * injected and one warning is written): falling through to a broader source would arm faults the
   * writer of the broken config never meant for this invocation.
   */
  #resolveConfig(event: unknown, context: LambdaContextLike, env: ChaosEnvironment): ResolvedConfig | undefined | Promise<ResolvedConfig | undefined> {
    if (this.#payloadOverride) {
      const carried = payloadOverrideOf(event);
      if (carried !== undefined) return this.#parseExternal(carried, ConfigSource.Payload, `payload.${PAYLOAD_OVERRIDE_KEY}`, context);
    }

    let given: unknown;
    try {
      given = typeof this.#config === 'function' ? this.#config() : this.#config;
    } catch (error) {
      this.#warnInvalidConfig(context, 'options.config', new ChaosConfigError('config', `the config function threw: ${describeError(error)}`));
      return undefined;
    }
    if (given !== undefined) {
      const config = this.#parseGiven(given, context);
      return config === undefined ? undefined : { config, source: ConfigSource.Options };
    }

    const parameterName = this.#ssmOptions.parameterName ?? env.ssmParameter;
    if (parameterName !== undefined) {
      const ssm = this.#ssmSourceFor(parameterName, env);
      const now = this.#now(context);
      const value = ssm.current(now, (failure) => this.#warnReadFailure(context, failure));
      if (value instanceof Promise) return value.then((ready) => this.#fromSsm(ready, parameterName, context));
      return this.#fromSsm(value, parameterName, context, now);
    }

    const raw = env.config;
    if (raw === undefined) return undefined;
    if (this.#envConfig?.raw !== raw) this.#envConfig = { raw, result: parseEnvConfig(raw) };
    const { result } = this.#envConfig;
    if (result instanceof ChaosConfigError) {
      this.#warnInvalidConfig(context, EnvVar.Config, result);
      return undefined;
    }
    return { config: result, source: ConfigSource.Env };
  }

  #fromSsm(value: SsmConfigValue, parameterName: string, context: LambdaContextLike, now?: number): ResolvedConfig | undefined {
    if (value === undefined) return undefined;
    if (value instanceof ChaosConfigError) {
      this.#warnInvalidConfig(context, `SSM parameter ${parameterName}`, value);
      return undefined;
    }
    return now === undefined ? { config: value, source: ConfigSource.Ssm } : { config: value, source: ConfigSource.Ssm, now };
  }

  #ssmSourceFor(parameterName: string, env: ChaosEnvironment): SsmConfigSource {
    if (this.#ssmSource?.parameterName !== parameterName) {
      this.#ssmSource = new SsmConfigSource({
        parameterName,
        ttlMs: this.#ssmOptions.ttlMs ?? env.ssmTtlMs ?? DEFAULT_SSM_TTL_MS,
        readTimeoutMs: this.#ssmOptions.readTimeoutMs ?? DEFAULT_SSM_READ_TIMEOUT_MS,
        client: this.#ssmOptions.client,
      });
    }
    return this.#ssmSource;
  }

  /** A config carried by the payload: parsed on every invocation, since each payload is a new object. */
  #parseExternal(value: unknown, source: ConfigSource, label: string, context: LambdaContextLike): ResolvedConfig | undefined {
    const result = parseOrError(() => parseChaosConfig(value, { requireExpiresAt: true }));
    if (result instanceof ChaosConfigError) {
      this.#warnInvalidConfig(context, label, result);
      return undefined;
    }
    return { config: result, source };
  }

  #warnReadFailure(context: LambdaContextLike, failure: SsmReadFailure): void {
    const { parameterName } = failure;
    if (failure.reason === 'not-found') {
      this.#warnOnce(WarningCode.ConfigNotFound, context, {
        message: `SSM parameter ${parameterName} does not exist; nothing is injected until it does`,
        parameterName,
      });
      return;
    }
    // Keyed on the parameter alone: an outage must not write a warning per attempt, whatever each failure says.
    this.#warnOnce(
      WarningCode.ConfigUnreadable,
      context,
      {
        message: `could not read SSM parameter ${parameterName} (${describeError(failure.error)}); the last value read stays in use (none if there is none), and the read is retried after the TTL`,
        parameterName,
      },
      parameterName,
    );
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
      timestamp: isoTimestamp(this.#now(context)),
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
  #warnOnce(code: string, context: LambdaContextLike, details: { message: string } & Record<string, unknown>, onceKey = details.message): void {
    const key = `${code}\u0000${onceKey}`;
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
  if (options.payloadOverride !== undefined && typeof options.payloadOverride !== 'boolean') {
    throw new ChaosOptionsError('payloadOverride', 'must be true or false');
  }
  checkSsmOptions(options.ssm);
}

function checkSsmOptions(ssm: unknown): void {
  if (ssm === undefined) return;
  if (typeof ssm !== 'object' || ssm === null) throw new ChaosOptionsError('ssm', 'must be an object');
  for (const name of Object.keys(ssm)) {
    if (!(SSM_OPTION_NAMES as readonly string[]).includes(name)) {
      throw new ChaosOptionsError(`ssm.${name}`, `unknown option (known: ${SSM_OPTION_NAMES.join(', ')})`);
    }
  }
  const { parameterName, ttlMs, readTimeoutMs, client } = ssm as Record<string, unknown>;
  if (parameterName !== undefined && (typeof parameterName !== 'string' || parameterName.trim() === '')) {
    throw new ChaosOptionsError('ssm.parameterName', 'must be a non-empty string');
  }
  if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs >= 0)) throw new ChaosOptionsError('ssm.ttlMs', 'must be a number of milliseconds (0 or more)');
  if (readTimeoutMs !== undefined && !(typeof readTimeoutMs === 'number' && readTimeoutMs > 0)) {
    throw new ChaosOptionsError('ssm.readTimeoutMs', 'must be a number of milliseconds above 0');
  }
  if (client !== undefined && typeof (client as { send?: unknown } | null)?.send !== 'function') {
    throw new ChaosOptionsError('ssm.client', 'must have a send(command) method, as SSMClient does');
  }
}

/** The per-execution override the payload carries under `sfnChaos`, if any. */
function payloadOverrideOf(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return undefined;
  return (event as Record<string, unknown>)[PAYLOAD_OVERRIDE_KEY];
}

const expiries = new WeakMap<ChaosConfig, number>();

/** `expiresAt` in ms, parsed once per config object (a cached config is checked on every invocation). */
function expiryOf(config: ChaosConfig): number {
  let expiry = expiries.get(config);
  if (expiry === undefined) {
    expiry = config.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(config.expiresAt);
    expiries.set(config, expiry);
  }
  return expiry;
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

function parseEnvConfig(raw: string): ChaosConfig | ChaosConfigError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return new ChaosConfigError(EnvVar.Config, `is not valid JSON (${describeError(error)})`);
  }
  return parseOrError(() => parseChaosConfig(value, { requireExpiresAt: true }));
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
