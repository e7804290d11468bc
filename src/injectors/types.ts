/**
 * The fault configuration read by the injector. The same shape is armed by the runner
 * (locally: handed to `withChaos`; on AWS: written where the deployed injector reads it).
 */

/** What a fault does when it fires. */
export type FaultKind = 'error' | 'throttle' | 'timeout' | 'latency';

/** One fault rule, as armed for one function. */
export interface FaultRule {
  /** Stable id, reported in the fault ledger; defaults to `<kind>-<index>`. */
  id?: string;
  kind: FaultKind;
  /** `error`: the error name Step Functions will see (the thrown error's `name`, i.e. Lambda's `errorType`). */
  errorName?: string;
  /** `error` / `throttle`: the error message. */
  message?: string;
  /**
   * `timeout`: how long to hang, in milliseconds. Without it the fault hangs until the
   * function's remaining time (`context.getRemainingTimeInMillis()`) has run out.
   */
  durationMs?: number;
  /** `latency`: added delay in milliseconds: a fixed number or a `[min, max]` range. */
  latencyMs?: number | [number, number];
  /** Probability (0..1) that the fault fires on an invocation. Mutually exclusive with `attempts`. */
  rate?: number;
  /**
   * 1-based attempt numbers within one state visit on which the fault fires
   * (attempt = `$$.State.RetryCount` + 1). `[1, 2]` fails the first two attempts, then lets the third through.
   */
  attempts?: number[];
}

/** The whole configuration for one function. */
export interface ChaosConfig {
  faults: FaultRule[];
  /** Seed for `rate` faults; the same seed gives the same fire/skip sequence. */
  seed?: number | string;
  /** ISO-8601 instant after which the config injects nothing. */
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

/** A Lambda context as far as the injector needs it. */
export interface LambdaContextLike {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
  [key: string]: unknown;
}

export type AsyncHandler<TEvent = unknown, TResult = unknown> = (
  event: TEvent,
  context: LambdaContextLike,
) => Promise<TResult>;

export type CallbackHandler<TEvent = unknown, TResult = unknown> = (
  event: TEvent,
  context: LambdaContextLike,
  callback: (error?: unknown, result?: TResult) => void,
) => void;

export interface WithChaosOptions {
  /** The config, or a function returning it on each invocation. Falls back to `SFN_CHAOS_CONFIG` (inline JSON). */
  config?: ChaosConfig | (() => ChaosConfig | undefined);
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
