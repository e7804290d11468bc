/**
 * Fixed names the injector writes or reads. Kept together so the runner, the local target and the
 * docs spell them the same way.
 */

/** Prefix shared by every environment variable the injector reads. */
export const ENV_PREFIX = 'SFN_CHAOS_';

/**
 * Environment variables the injector reads (see `env.ts`), by purpose.
 *
 * @example
 * ```ts
 * // In a deployment script: arm the function, then disarm it without redeploying code.
 * const Environment = { Variables: { [EnvVar.Config]: JSON.stringify(config), [EnvVar.Disabled]: 'false' } };
 * ```
 */
export const EnvVar = {
  /** Inline JSON `ChaosConfig`, used when no `config` option is given. */
  Config: 'SFN_CHAOS_CONFIG',
  /** Kill switch: `true` (also `1`, `yes`, `on`) turns every injection off, whatever the config says. */
  Disabled: 'SFN_CHAOS_DISABLED',
  /** Name (or ARN) of an SSM parameter holding the JSON config; takes precedence over `SFN_CHAOS_CONFIG`. */
  SsmParameter: 'SFN_CHAOS_SSM_PARAMETER',
  /** How many seconds a value read from SSM is used before the next invocation reads it again (default 30). */
  SsmTtlSeconds: 'SFN_CHAOS_SSM_TTL_SECONDS',
} as const;
export type EnvVar = (typeof EnvVar)[keyof typeof EnvVar];

/**
 * Error names as Step Functions sees them. A throttled invocation surfaces as
 * `Lambda.TooManyRequestsException`; a function that outlives its own timeout as `Sandbox.Timedout`.
 *
 * @example
 * ```ts
 * const retrier = { ErrorEquals: [LambdaErrorName.Throttle], IntervalSeconds: 1, MaxAttempts: 3 };
 * ```
 */
export const LambdaErrorName = {
  Throttle: 'Lambda.TooManyRequestsException',
  FunctionTimeout: 'Sandbox.Timedout',
} as const;

/**
 * The message Lambda attaches to a `TooManyRequestsException`; a `throttle` fault uses it unless
 * the rule sets `message`.
 *
 * @example
 * ```ts
 * expect(error.message).toBe(THROTTLE_MESSAGE);
 * ```
 */
export const THROTTLE_MESSAGE = 'Rate Exceeded.';

/** Lambda's largest function timeout; a `timeout` fault with nothing better to go on hangs this long. */
export const MAX_LAMBDA_TIMEOUT_MS = 900_000;

/**
 * Value of the `sfnChaos` key that marks each structured log line the injector writes.
 *
 * @example
 * ```ts
 * withChaos(handler, { log: (line) => { if (line.sfnChaos === LogEvent.FaultInjected) ledger.push(line); } });
 * ```
 */
export const LogEvent = {
  /** One line per injected fault: the fault ledger. */
  FaultInjected: 'fault-injected',
  /** Something kept the injector from doing what the config asked; the handler ran untouched. */
  Warning: 'warning',
} as const;
export type LogEvent = (typeof LogEvent)[keyof typeof LogEvent];

/**
 * Why a warning line (`{"sfnChaos":"warning","code":...}`) was written.
 *
 * @example
 * ```ts
 * const misconfigured = lines.some((line) => line.sfnChaos === LogEvent.Warning && line.code === WarningCode.InvalidConfig);
 * ```
 */
export const WarningCode = {
  /** The config was not valid JSON or did not match the schema; nothing was injected. */
  InvalidConfig: 'invalid-config',
  /** An `attempts` fault could not tell which attempt this is, so it did not fire. */
  AttemptUnknown: 'attempt-unknown',
  /** The injector itself failed (a bug, or a failing `sleep`/`invocationInfo` option); the handler ran untouched. */
  InjectorFailed: 'injector-failed',
  /** The SSM parameter could not be read; the last value read (if any) stays in use. */
  ConfigUnreadable: 'config-unreadable',
  /** The SSM parameter does not exist; nothing is injected until it does. */
  ConfigNotFound: 'config-not-found',
  /** The config's `expiresAt` has passed; nothing is injected until a config with a later one replaces it. */
  ConfigExpired: 'config-expired',
} as const;
export type WarningCode = (typeof WarningCode)[keyof typeof WarningCode];

/**
 * Where the config in use came from, in order of precedence (the first source that has a config wins;
 * sources are never merged). Written to each fault-ledger line as `configSource`.
 *
 * @example
 * ```ts
 * const fromHarness = ledger.filter((entry) => entry.configSource === ConfigSource.Payload);
 * ```
 */
export const ConfigSource = {
  /** The `sfnChaos` key of the invocation's payload: one execution only. */
  Payload: 'payload',
  /** The `config` option given to `withChaos` / `chaosMiddleware` in code. */
  Options: 'options',
  /** The SSM parameter named by `ssm.parameterName` or `SFN_CHAOS_SSM_PARAMETER`. */
  Ssm: 'ssm',
  /** The inline JSON in `SFN_CHAOS_CONFIG`. */
  Env: 'env',
} as const;
export type ConfigSource = (typeof ConfigSource)[keyof typeof ConfigSource];

/**
 * The payload key that carries a per-execution config override. A Task state that passes its input
 * through (`"Payload.$": "$"`) forwards an execution input such as `{ "orderId": "o-1", "sfnChaos": { ... } }`.
 *
 * @example
 * ```ts
 * const input = { orderId: 'o-1', [PAYLOAD_OVERRIDE_KEY]: { expiresAt, faults: [{ kind: 'throttle', attempts: [1] }] } };
 * ```
 */
export const PAYLOAD_OVERRIDE_KEY = 'sfnChaos';

/** How long a value read from SSM is used before the next invocation reads it again, unless configured. */
export const DEFAULT_SSM_TTL_MS = 30_000;

/** How long one SSM read may take before it counts as failed, unless configured. */
export const DEFAULT_SSM_READ_TIMEOUT_MS = 2_000;
