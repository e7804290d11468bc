import { InvalidInputError } from '../errors.js';
import { LambdaErrorName, THROTTLE_MESSAGE } from './constants.js';
import type { FaultKind } from './faultKinds/FaultKind.js';

/**
 * A fault config that cannot be used. `field` is the path of the offending value inside the
 * config (`faults[1].rate`), so the message says exactly what to fix.
 *
 * @example
 * ```ts
 * try {
 *   parseChaosConfig({ faults: [{ kind: 'error', errorName: 'X', rate: 2 }] });
 * } catch (error) {
 *   if (error instanceof ChaosConfigError) console.error(error.field); // "faults[0].rate"
 * }
 * ```
 */
export class ChaosConfigError extends InvalidInputError {
  /** Path of the offending value, e.g. `faults[0].rate`; `config` for the whole value. */
  readonly field: string;
  /** What is wrong with it, without the path. */
  readonly problem: string;
  constructor(field: string, problem: string, options?: ErrorOptions) {
    super(`${field}: ${problem}`, undefined, options);
    this.name = 'ChaosConfigError';
    this.field = field;
    this.problem = problem;
  }
}

/**
 * `withChaos` or `chaosMiddleware` was called with options it does not know or cannot use. Raised
 * when the handler module loads, so a typo in an option name fails loudly instead of being ignored.
 *
 * @example
 * ```ts
 * withChaos(handler, { slep: fakeSleep } as never); // throws ChaosOptionsError: unknown option "slep"
 * ```
 */
export class ChaosOptionsError extends InvalidInputError {
  /** The option at fault. */
  readonly option: string;
  constructor(option: string, problem: string, options?: ErrorOptions) {
    super(`option "${option}": ${problem}`, undefined, options);
    this.name = 'ChaosOptionsError';
    this.option = option;
  }
}

/** Which configured fault produced an injected error. */
export interface InjectedFaultSource {
  faultId: string;
  kind: FaultKind;
}

/**
 * The error an `error` fault throws. Its `name` is exactly the configured `errorName` (the class
 * name is never used), because the Node.js runtime reports `error.name` as `errorType`, and that is
 * the name Step Functions matches in `Retry` and `Catch`.
 *
 * @example
 * ```ts
 * const error = new InjectedFaultError('function.DoublesRolledError', 'Rolled doubles', { faultId: 'dice', kind: 'error' });
 * error.name; // "function.DoublesRolledError"
 * ```
 */
export class InjectedFaultError extends Error {
  /** Id of the fault rule that fired (as written in the fault ledger). */
  readonly faultId: string;
  readonly faultKind: FaultKind;
  constructor(errorName: string, message: string, source: InjectedFaultSource, options?: ErrorOptions) {
    // No stack frames are captured: they would only show the injector's own code, and capturing and
    // formatting them was the largest cost of an injected fault. The stack is the error's first line.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message, options);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    // Set from the config, never from the constructor: a bundler may rename classes, and the
    // runtime must report the configured name verbatim, dots and all.
    this.name = errorName;
    this.stack = `${errorName}: ${message}`;
    this.faultId = source.faultId;
    this.faultKind = source.kind;
  }

  /**
   * Sets a rule's `cause` fields on the error, for code in the same process that inspects it. Names
   * the error uses for itself are skipped (the config schema rejects them already).
   *
   * @example
   * ```ts
   * const error = new InjectedFaultError('HTTPError', 'Service Unavailable', { faultId: 'http', kind: 'error' });
   * error.addFields({ statusCode: 503 });
   * (error as unknown as { statusCode: number }).statusCode; // 503
   * ```
   */
  addFields(fields: Readonly<Record<string, unknown>>): this {
    for (const [key, value] of Object.entries(fields)) {
      if (!OWN_FIELDS.has(key)) Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return this;
  }
}

const OWN_FIELDS = new Set(['name', 'message', 'stack', 'cause', 'faultId', 'faultKind']);

/**
 * The error a `throttle` fault throws: named `Lambda.TooManyRequestsException`, the name Step
 * Functions gives a throttled invocation, with Lambda's own message unless one is configured.
 *
 * @example
 * ```ts
 * new InjectedThrottleError({ faultId: 'throttle-0', kind: 'throttle' }).name; // "Lambda.TooManyRequestsException"
 * ```
 */
export class InjectedThrottleError extends InjectedFaultError {
  constructor(source: InjectedFaultSource, message: string = THROTTLE_MESSAGE, options?: ErrorOptions) {
    super(LambdaErrorName.Throttle, message, source, options);
  }
}

/**
 * Thrown when a `timeout` fault's hang comes to an end without anything having stopped the
 * invocation (see `withChaos`). Named `Sandbox.Timedout` with Lambda's wording, because a function
 * that never answers is, in the end, stopped by its own timeout and reported that way.
 *
 * @example
 * ```ts
 * const error = new InjectedTimeoutError({ faultId: 'timeout-0', kind: 'timeout' }, 3000, 'c0ffee');
 * error.message; // "RequestId: c0ffee Error: Task timed out after 3.00 seconds"
 * ```
 */
export class InjectedTimeoutError extends InjectedFaultError {
  /** How long the invocation hung, in milliseconds. */
  readonly hangMs: number;
  constructor(source: InjectedFaultSource, hangMs: number, awsRequestId?: string, options?: ErrorOptions) {
    const requestId = awsRequestId ?? 'unknown';
    super(
      LambdaErrorName.FunctionTimeout,
      `RequestId: ${requestId} Error: Task timed out after ${(hangMs / 1000).toFixed(2)} seconds`,
      source,
      options,
    );
    this.hangMs = hangMs;
  }
}
