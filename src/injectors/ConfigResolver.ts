import { ConfigSource, DEFAULT_SSM_READ_TIMEOUT_MS, DEFAULT_SSM_TTL_MS, EnvVar, PAYLOAD_OVERRIDE_KEY, WarningCode } from './constants.js';
import { describeError } from './describeError.js';
import type { ChaosEnvironment } from './env.js';
import { ChaosConfigError } from './errors.js';
import type { InjectorLog } from './InjectorLog.js';
import { parseChaosConfig } from './parseChaosConfig.js';
import { parseEnvConfig, parseOrError } from './parseConfigOrError.js';
import { SsmConfigSource } from './SsmConfigSource.js';
import type { SsmConfigValue, SsmReadFailure } from './SsmConfigSource.js';
import type { ChaosConfig, LambdaContextLike, SsmConfigOptions, WithChaosOptions } from './types.js';

/**
 * The config chosen for one invocation, with where it came from.
 *
 * @example
 * ```ts
 * const resolved: ResolvedConfig = { config: { faults: [] }, source: ConfigSource.Options };
 * ```
 */
export interface ResolvedConfig {
  config: ChaosConfig;
  source: ConfigSource;
  /** The time the source was consulted at, when it needed one (saves reading the clock twice). */
  now?: number;
}

/** The options of `withChaos` a {@link ConfigResolver} reads, defaults applied. */
export interface ConfigResolverOptions {
  config: WithChaosOptions['config'];
  ssm: SsmConfigOptions;
  payloadOverride: boolean;
  now: (context: LambdaContextLike) => number;
}

/** How a warning names where a config came from. */
const CONFIG_SOURCE_LABELS: Record<ConfigSource, string> = {
  [ConfigSource.Payload]: `payload.${PAYLOAD_OVERRIDE_KEY}`,
  [ConfigSource.Options]: 'options.config',
  [ConfigSource.Ssm]: 'SSM',
  [ConfigSource.Env]: EnvVar.Config,
};

/**
 * Finds the config for each invocation, and keeps what makes that cheap across invocations: the
 * parse of each config object, the parse of `SFN_CHAOS_CONFIG`, and the SSM parameter's cached value.
 * A config that fails validation is reported (once) through the log and gives `undefined`.
 *
 * @example
 * ```ts
 * const configs = new ConfigResolver({ config: undefined, ssm: {}, payloadOverride: true, now: () => Date.now() }, log);
 * const resolved = await configs.resolve(event, context, getChaosEnvironment());
 * ```
 */
export class ConfigResolver {
  readonly #config: WithChaosOptions['config'];
  readonly #ssmOptions: SsmConfigOptions;
  readonly #payloadOverride: boolean;
  readonly #now: (context: LambdaContextLike) => number;
  readonly #log: InjectorLog;
  #ssmSource: SsmConfigSource | undefined;
  /** Parse results of config objects already seen (an options object is usually passed once and reused). */
  readonly #parsed = new WeakMap<object, ChaosConfig | ChaosConfigError>();
  #envConfig: { raw: string; result: ChaosConfig | ChaosConfigError } | undefined;

  constructor(options: ConfigResolverOptions, log: InjectorLog) {
    this.#config = options.config;
    this.#ssmOptions = options.ssm;
    this.#payloadOverride = options.payloadOverride;
    this.#now = options.now;
    this.#log = log;
  }

  /**
   * The config for this invocation. The first source that has one wins, and sources are never merged:
   * the payload's `sfnChaos` key, then the `config` option, then the SSM parameter, then
   * `SFN_CHAOS_CONFIG`. A source that has a config which fails validation wins too (nothing is
   * injected and one warning is written): falling through to a broader source would arm faults the
   * writer of the broken config never meant for this invocation.
   */
  resolve(
    event: unknown,
    context: LambdaContextLike,
    env: ChaosEnvironment,
  ): ResolvedConfig | undefined | Promise<ResolvedConfig | undefined> {
    if (this.#payloadOverride) {
      const carried = payloadOverrideOf(event);
      if (carried !== undefined) return this.#parseExternal(carried, ConfigSource.Payload, `payload.${PAYLOAD_OVERRIDE_KEY}`, context);
    }

    let given: unknown;
    try {
      given = typeof this.#config === 'function' ? this.#config() : this.#config;
    } catch (error) {
      this.#log.warnInvalidConfig(
        context,
        'options.config',
        new ChaosConfigError('config', `the config function threw: ${describeError(error)}`),
      );
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
      this.#log.warnInvalidConfig(context, EnvVar.Config, result);
      return undefined;
    }
    return { config: result, source: ConfigSource.Env };
  }

  /** How a warning names a source: `SSM parameter <name>` for the parameter in use, else its label. */
  describeSource(source: ConfigSource): string {
    return source === ConfigSource.Ssm && this.#ssmSource ? `SSM parameter ${this.#ssmSource.parameterName}` : CONFIG_SOURCE_LABELS[source];
  }

  #fromSsm(value: SsmConfigValue, parameterName: string, context: LambdaContextLike, now?: number): ResolvedConfig | undefined {
    if (value === undefined) return undefined;
    if (value instanceof ChaosConfigError) {
      this.#log.warnInvalidConfig(context, `SSM parameter ${parameterName}`, value);
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
      this.#log.warnInvalidConfig(context, label, result);
      return undefined;
    }
    return { config: result, source };
  }

  #warnReadFailure(context: LambdaContextLike, failure: SsmReadFailure): void {
    const { parameterName } = failure;
    if (failure.reason === 'not-found') {
      this.#log.warnOnce(WarningCode.ConfigNotFound, context, {
        message: `SSM parameter ${parameterName} does not exist; nothing is injected until it does`,
        parameterName,
      });
      return;
    }
    // Keyed on the parameter alone: an outage must not write a warning per attempt, whatever each failure says.
    this.#log.warnOnce(
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
      this.#log.warnInvalidConfig(context, 'options.config', result);
      return undefined;
    }
    return result;
  }
}

/** The per-execution override the payload carries under `sfnChaos`, if any. */
function payloadOverrideOf(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return undefined;
  return (event as Record<string, unknown>)[PAYLOAD_OVERRIDE_KEY];
}
