import { randomUUID } from 'node:crypto';
import type { ExecutionScope, StateVisit } from '../runtime/ExecutionScope.js';
import { toJsonValueWithText, cloneJson, type JsonValue } from '../data/json.js';
import { createLambdaContext } from './lambdaContext.js';
import { errorPayloadOf, functionTimeoutPayload, unserialisableResultPayload, type FunctionErrorPayload } from './lambdaErrorPayload.js';
import type { LocalFunction } from '../api/types.js';
import { functionLogLines } from './functionLog.js';
import { callHandler } from './handlerTrace.js';

export type InvocationOutcome =
  /** `text` is the JSON text of `value`, the form Lambda hands the result over in; `logLines`, what the function logged (functionLog.ts). */
  | { kind: 'returned'; value: JsonValue; text: string; requestId: string; logLines: readonly string[] }
  /** `timedOut`: the function's own timeout stopped it (the payload is Lambda's timeout payload). */
  | { kind: 'functionError'; payload: FunctionErrorPayload; requestId: string; timedOut?: true }
  /** The state's TimeoutSeconds expired first (`States.Timeout`); the handler runs on unseen until it ends or its own timeout stops it. */
  | { kind: 'stateTimedOut'; requestId: string };

export interface InvocationRequest {
  fn: LocalFunction;
  payload: JsonValue;
  invokedFunctionArn: string;
  visit: StateVisit;
  retryCount: number;
  /** The state's TimeoutSeconds for this attempt, counted from now (the `…Started` event). */
  stateTimeoutSeconds: number | undefined;
  /** The invocation's request id; default a new one (Lambda's asynchronous retries keep the event's). */
  requestId?: string;
}

type Race =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; error: unknown }
  | { kind: 'stateTimeout' }
  | { kind: 'functionTimeout' };

const stateTimeoutRace: Race = { kind: 'stateTimeout' };
const functionTimeoutRace: Race = { kind: 'functionTimeout' };

/**
 * Runs one attempt of a local function on the virtual clock, racing it against the state's
 * TimeoutSeconds and the function's own timeout. Both timers start now; when they expire at the same
 * instant the state's wins, and either wins over a handler finishing at that very instant (AWS has
 * overheads the handler cannot beat).
 */
export async function invokeLocalFunction(scope: ExecutionScope, request: InvocationRequest): Promise<InvocationOutcome> {
  const { fn, visit, retryCount } = request;
  const requestId = request.requestId ?? randomUUID();
  const startedAt = scope.clock.now();
  const invocation = scope.clock.beginInvocation(
    () => `The handler of function "${fn.name}" (state "${visit.name}", attempt ${retryCount + 1})`,
    fn.timeoutSeconds * 1000,
  );
  // The environment the invocation runs in: a warm one, or a new one (a new log stream). It takes the next
  // invocation once the handler settles; one stopped by its function timeout is reset, and its stream ends.
  const logStream = scope.environments.take(fn, startedAt);
  let environmentReset = false;
  // One promise settled by whichever comes first: the handler or a timer. The timers are plain
  // callbacks on the clock, and a promise ignores every resolve after its first, so the race costs
  // one promise per attempt instead of a promise and a wrapper per racer. Of two timers due at the
  // same instant the older fires first, which is why the state's timer is scheduled first.
  let decide: (race: Race) => void = () => undefined;
  const decided = new Promise<Race>((resolve) => {
    decide = resolve;
  });
  const stateTimer =
    request.stateTimeoutSeconds === undefined
      ? undefined
      : scope.clock.schedule(request.stateTimeoutSeconds * 1000, () => decide(stateTimeoutRace));
  // After a state timeout the function is not stopped: it runs on, unseen by the state machine,
  // until it ends or its own timeout stops it: a state timeout does not stop a Lambda function (an
  // accepted AWS re:Post answer; not in the Step Functions documentation, so UNCONFIRMED). Its side
  // effects, a retry's second charge for example, happen as they would there.
  const functionTimer = scope.clock.schedule(fn.timeoutSeconds * 1000, () => {
    environmentReset = true;
    decide(functionTimeoutRace);
    invocation.abandon();
    fn.stop?.(context);
  });
  const context = createLambdaContext({
    fn,
    requestId,
    invokedFunctionArn: request.invokedFunctionArn,
    clock: scope.clock,
    invocation,
    startedAt,
    logStream,
    executionArn: scope.identity.executionArn,
    stateName: visit.name,
    retryCount,
    shared: scope.contextFunctions,
  });
  // A frozen handler (out of time, or stuck for good) that settles after all comes too late: its
  // function timeout decides.
  const handlerReturned = (value: unknown): void => {
    if (invocation.isFrozen) return;
    invocation.finish();
    if (!environmentReset) scope.environments.release(fn, logStream);
    decide({ kind: 'returned', value });
  };
  const handlerThrew = (error: unknown): void => {
    if (invocation.isFrozen) return;
    invocation.finish();
    if (!environmentReset) scope.environments.release(fn, logStream);
    decide({ kind: 'threw', error });
  };
  // The handler's own copy of the payload, as Lambda delivers it: the engine's JSON data, copied without its text.
  const payload = cloneJson(request.payload);
  // The handler is called one microtask turn later, from a stack of its own, as Lambda's runtime calls it from
  // its own loop: an error the handler makes then captures its own frames, not the engine's. Capturing a stack
  // of the engine's optimised frames cost several times what the handler's own error did.
  void Promise.resolve().then(() => {
    let returned: unknown;
    try {
      returned = callHandler(fn.invoke, fn, payload, context);
    } catch (error) {
      // A handler that throws before returning its promise fails the same way as one that rejects.
      handlerThrew(error);
      return;
    }
    Promise.resolve(returned).then(handlerReturned, handlerThrew);
  });

  let winner: Race | undefined;
  try {
    winner = await scope.waitFor(decided);
  } finally {
    stateTimer?.cancel();
    if (winner?.kind !== 'stateTimeout') {
      functionTimer.cancel();
      invocation.abandon();
    }
  }

  switch (winner.kind) {
    case 'returned': {
      const returned = toJsonValueWithText(winner.value);
      if (returned === undefined) {
        // The runtime cannot hand such a result over: the invocation fails as a function error.
        const payload = unserialisableResultPayload(fn.runtime ?? 'nodejs', requestId, stringifyFailureOf(winner.value));
        return { kind: 'functionError', payload, requestId };
      }
      return { kind: 'returned', value: returned.value, text: returned.text, requestId, logLines: functionLogLines(context) };
    }
    case 'threw':
      return { kind: 'functionError', payload: errorPayloadOf(winner.error, fn.runtime ?? 'nodejs', requestId), requestId };
    case 'functionTimeout':
      return { kind: 'functionError', payload: functionTimeoutPayload(requestId, fn.timeoutSeconds), requestId, timedOut: true };
    case 'stateTimeout':
      return { kind: 'stateTimedOut', requestId };
  }
}

/** Why `JSON.stringify` refuses `value` (only asked once it has). */
function stringifyFailureOf(value: unknown): unknown {
  try {
    JSON.stringify(value);
    return undefined;
  } catch (error) {
    return error;
  }
}
