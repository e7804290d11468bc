import type { ExecutionContextFunctions } from '../runtime/executionContextFunctions.js';
import type { LocalFunction, LocalInvocationFacts as LocalInvocationFactsShape, LocalLambdaContext } from '../api/types.js';
import type { VirtualClock, InvocationActivity } from '../runtime/VirtualClock.js';
import type { EnvironmentLogStream } from '../runtime/environmentLogStreams.js';

export interface LambdaContextFacts {
  fn: LocalFunction;
  requestId: string;
  /** The ARN the caller invoked (qualified when a version or alias was named). */
  invokedFunctionArn: string;
  clock: VirtualClock;
  invocation: InvocationActivity;
  /** Virtual time the invocation started. */
  startedAt: number;
  /** The log stream of the environment the invocation runs in. */
  logStream: EnvironmentLogStream;
  executionArn: string;
  stateName: string;
  retryCount: number;
  /** The execution's own `sfnChaos` functions ({@link ExecutionContextFunctions}). */
  shared: ExecutionContextFunctions;
}

/** A fresh Lambda context for one attempt, shaped like the Node.js runtime's, on the virtual clock. */
export function createLambdaContext(facts: LambdaContextFacts): LocalLambdaContext {
  const { fn, clock, invocation } = facts;
  const deadline = facts.startedAt + fn.timeoutSeconds * 1000;
  const context: Omit<LocalLambdaContext, 'logStreamName'> = {
    awsRequestId: facts.requestId,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: facts.invokedFunctionArn,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${fn.name}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    // Only functions with an execution environment of their own can report a stuck handler; keeping
    // the invocation (and through it the clock) reachable from every context costs the rest.
    sfnChaos: new LocalInvocationFacts(facts, (ms) => invocation.sleep(ms), {
      logStream: facts.logStream,
      invocation: fn.stop === undefined ? undefined : invocation,
      logLines: undefined,
    }),
  };
  // Before `callbackWaitsForEmptyEventLoop` in the runtime's context; here after `sfnChaos`, a key order nothing relies on.
  return Object.defineProperty(context, 'logStreamName', {
    get: readLogStreamName,
    enumerable: true,
    configurable: true,
  }) as LocalLambdaContext;
}

/**
 * What the engine keeps with each context it makes, in a private field of its `sfnChaos` object
 * ({@link LocalInvocationFacts}), which neither the handler, spreads, JSON nor `console.log` see. A
 * copy of the context (a middleware's, say) shares its `sfnChaos`, and with it this record.
 * - `logStream`, the log stream of the environment the invocation runs in, for `logStreamName`, which
 *   is read from it on first read. Its getter is one shared function: a getter written in the context's
 *   literal is a new function per context, and slower to define.
 * - `invocation`, for {@link freezeInvocation}: only for a function that has a `stop` hook.
 * - `logLines`, what the function wrote to its log (functionLog.ts).
 *
 * Kept with the context rather than in a WeakMap by context: a long-lived WeakMap whose keys are young
 * objects is costly for V8's garbage collector (it keeps what such an entry holds through the young
 * generation's collections), and the engine makes a context for every Lambda attempt. A private field,
 * rather than a hidden property of the context: `Object.defineProperty` costs about 170 ns a call.
 */
export interface KeptWithContext {
  readonly logStream: EnvironmentLogStream;
  readonly invocation: InvocationActivity | undefined;
  logLines: string[] | undefined;
}

/**
 * `context.sfnChaos`: the facts and functions of one invocation ({@link LocalInvocationFacts} in the
 * API types), with the engine's own record of the context in a private field.
 */
class LocalInvocationFacts implements LocalInvocationFactsShape {
  executionArn: string;
  stateName: string;
  retryCount: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  sendTaskSuccess: ExecutionContextFunctions['sendTaskSuccess'];
  sendTaskFailure: ExecutionContextFunctions['sendTaskFailure'];
  sendTaskHeartbeat: ExecutionContextFunctions['sendTaskHeartbeat'];
  readonly #kept: KeptWithContext;

  constructor(facts: LambdaContextFacts, sleep: (ms: number) => Promise<void>, kept: KeptWithContext) {
    this.executionArn = facts.executionArn;
    this.stateName = facts.stateName;
    this.retryCount = facts.retryCount;
    this.sleep = sleep;
    this.now = facts.shared.now;
    this.sendTaskSuccess = facts.shared.sendTaskSuccess;
    this.sendTaskFailure = facts.shared.sendTaskFailure;
    this.sendTaskHeartbeat = facts.shared.sendTaskHeartbeat;
    this.#kept = kept;
  }

  static keptOf(value: unknown): KeptWithContext | undefined {
    return typeof value === 'object' && value !== null && #kept in value ? (value as LocalInvocationFacts).#kept : undefined;
  }
}

/**
 * What the engine keeps with a context it made ({@link KeptWithContext}); `undefined` for any other object.
 *
 * @example
 * keptWith(context)?.logStream.createdAt; // when the environment the invocation runs in was created
 */
export function keptWith(context: object): KeptWithContext | undefined {
  return LocalInvocationFacts.keptOf((context as { sfnChaos?: unknown }).sfnChaos);
}

/**
 * Tells the engine that nothing can ever settle the handler invocation behind `context` (its
 * execution environment has nothing left that could): the invocation stops counting as running and
 * ends at its function timeout in virtual time, as Lambda would end it, instead of holding the
 * clock until the real-time guard gives up. Only for functions with a `stop` hook (an execution
 * environment of their own); returns false for any other context.
 *
 * @example
 * // in a local function whose environment found the handler stuck
 * freezeInvocation(context); // the attempt fails with Sandbox.Timedout at its timeout
 */
export function freezeInvocation(context: object): boolean {
  const invocation = keptWith(context)?.invocation;
  if (invocation === undefined) return false;
  invocation.freeze();
  return true;
}

/**
 * The `logStreamName` of a context the engine made, without defining it on the context (an execution
 * environment sends it to its thread with every invocation); `undefined` for any other object.
 *
 * @example
 * logStreamNameOf(context); // '2025/01/01/[$LATEST]' and 32 hex digits, the same as context.logStreamName
 */
export function logStreamNameOf(context: object): string | undefined {
  return keptWith(context)?.logStream.name;
}

function readLogStreamName(this: LocalLambdaContext): string {
  const name = logStreamNameOf(this) ?? '';
  Object.defineProperty(this, 'logStreamName', { value: name, enumerable: true, writable: true, configurable: true });
  return name;
}
