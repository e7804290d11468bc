import type { FaultKind, FaultKindFields } from './faultKinds/index.js';
import type { FaultRuleCommon } from './faultKinds/FaultKindDefinition.js';
import type { SsmGetParameterClient } from './SsmGetParameterClient.js';
import type { LambdaContextLike } from './valueTypes.js';

/**
 * The fault configuration read by the injector. The same shape is armed by the runner
 * (locally: handed to `withChaos`; on AWS: written where the deployed injector reads it).
 */

export type { FaultKind } from './faultKinds/index.js';
export type { FaultMatch, FaultMatchCondition, JsonScalar, JsonValue, LambdaContextLike } from './valueTypes.js';

/**
 * One fault rule, as armed for one function: the fields every rule has, its `kind`, and the fields of
 * that kind (each kind's own are documented in its file under `faultKinds/`, e.g. `errorName` in
 * `errorFault.ts`).
 */
export interface FaultRule extends FaultRuleCommon, FaultKindFields {
  kind: FaultKind;
}

/** The whole configuration for one function. */
export interface ChaosConfig {
  faults: FaultRule[];
  /** Seed for `rate` faults; the same seed gives the same fire/skip sequence. */
  seed?: number | string;
  /**
   * ISO-8601 instant after which the config injects nothing. Required, when the config arms any
   * fault, for configs read from outside the code (SSM, `SFN_CHAOS_CONFIG`, the payload), so that
   * faults left behind by a runner that died expire on their own.
   */
  expiresAt?: string;
  /** Identifiers written to the fault ledger so the runner can trace an injected failure. */
  runId?: string;
  scenarioId?: string;
}

/**
 * Invocation facts the injector may be given by the caller. The local target fills these in
 * from the engine (it knows the attempt); on AWS the attempt comes from the payload instead.
 */
export interface ChaosInvocationInfo {
  /** `$$.State.RetryCount` of the invoking state (0 on the first attempt). */
  retryCount?: number;
  executionArn?: string;
  stateName?: string;
}

export type AsyncHandler<TEvent = unknown, TResult = unknown> = (event: TEvent, context: LambdaContextLike) => Promise<TResult>;

export type CallbackHandler<TEvent = unknown, TResult = unknown> = (
  event: TEvent,
  context: LambdaContextLike,
  callback: (error?: unknown, result?: TResult) => void,
) => void;

/** Where and how often the injector reads its config from an SSM parameter. */
export interface SsmConfigOptions {
  /** Parameter name or ARN. Falls back to `SFN_CHAOS_SSM_PARAMETER`; without either, SSM is not read. */
  parameterName?: string;
  /** How long a read value is used before the next invocation reads it again. Falls back to `SFN_CHAOS_SSM_TTL_SECONDS`, then 30 s. */
  ttlMs?: number;
  /** How long one read may take before it counts as failed (default 2000 ms). */
  readTimeoutMs?: number;
  /** The client to read with (`SSMClient` fits); default: an `SSMClient` for the function's region, created on first use. */
  client?: SsmGetParameterClient;
}

export interface WithChaosOptions {
  /**
   * The config, or a function returning it on each invocation. See the precedence of config sources
   * in the injector README: a payload override comes first, then this, then SSM, then `SFN_CHAOS_CONFIG`.
   */
  config?: ChaosConfig | (() => ChaosConfig | undefined);
  /** Reading the config from an SSM parameter (see {@link SsmConfigOptions}). */
  ssm?: SsmConfigOptions;
  /**
   * Whether a config carried in the payload under `sfnChaos` (a per-execution override) is honoured.
   * Default `true`. Set `false` for functions whose callers must never be able to arm faults.
   */
  payloadOverride?: boolean;
  /**
   * Sleep used by `timeout` and `latency` faults (default: a real timer). The local target passes one that
   * reads the execution's virtual clock off the context, so a hang costs no wall time.
   */
  sleep?: (ms: number, context: LambdaContextLike) => Promise<void>;
  /** Current time in ms since the epoch, for `expiresAt` (default `Date.now`). */
  now?: (context: LambdaContextLike) => number;
  /** Invocation facts supplied by the caller (see {@link ChaosInvocationInfo}). */
  invocationInfo?: (event: unknown, context: LambdaContextLike) => ChaosInvocationInfo | undefined;
  /** Where ledger lines and warnings go; defaults to `console.log` of one JSON line. */
  log?: (line: Record<string, unknown>) => void;
}
