import type { LocalFunction } from '../api/types.js';
import { LambdaErrorName, LambdaRuntimeErrorType } from '../asl/errorNames.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import { pythonJsonDumps } from '../data/pythonJsonDumps.js';
import { handlerStackLines } from './handlerTrace.js';

export type LambdaRuntime = NonNullable<LocalFunction['runtime']>;

/** What a failed invocation returns: the error document and its text as the runtime wrote it. */
export interface FunctionErrorPayload {
  document: JsonObject;
  text: string;
}

/**
 * The error document a Lambda runtime reports for a thrown value.
 *
 * Node.js (the runtime interface client): `{errorType: error.name, errorMessage: error.message,
 * trace: stack lines}`, the lines down to the handler's own frames (handlerTrace.ts); a non-Error value becomes `{errorType: typeof value, errorMessage: String(value), trace: []}`.
 *
 * Python: `{errorMessage, errorType, requestId, stackTrace}`. A local stand-in for a Python function
 * can set `stackTrace` (an array of strings) on the thrown Error to report the frames the real
 * function would; otherwise the JavaScript stack frames are used.
 */
export function errorPayloadOf(thrown: unknown, runtime: LambdaRuntime, requestId: string): FunctionErrorPayload {
  const isError = thrown instanceof Error;
  const errorType = isError ? thrown.name : typeof thrown;
  const errorMessage = isError ? thrown.message : String(thrown);
  if (runtime === 'python') {
    const ownFrames = isError ? (thrown as { stackTrace?: unknown }).stackTrace : undefined;
    const stackTrace =
      Array.isArray(ownFrames) && ownFrames.every((frame) => typeof frame === 'string')
        ? (ownFrames as string[])
        : isError
          ? handlerStackLines(thrown).slice(1)
          : [];
    const document: JsonObject = { errorMessage, errorType, requestId, stackTrace };
    return { document, text: pythonJsonDumps(document) };
  }
  const document: JsonObject = { errorType, errorMessage, trace: isError ? handlerStackLines(thrown) : [] };
  return { document, text: JSON.stringify(document) };
}

/**
 * The error a Lambda runtime reports when the handler's result cannot be serialised to JSON (a
 * cycle, a BigInt): a function error, not a result. The Node.js runtime interface client catches the
 * failing `JSON.stringify` and reports `Runtime.JSONStringifyError` with "Unable to stringify response
 * body" (its current source; older releases threw a plain `Error` with that message); the Python
 * runtime reports `Runtime.MarshalError` with "Unable to marshal response: <reason>". Both are taken
 * from the runtimes' source, not from a recorded invocation: UNCONFIRMED.
 *
 * @example
 * unserialisableResultPayload('nodejs', requestId, new TypeError('Do not know how to serialize a BigInt')).document;
 * // { errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body', trace: [] }
 */
export function unserialisableResultPayload(runtime: LambdaRuntime, requestId: string, reason: unknown): FunctionErrorPayload {
  if (runtime === 'python') {
    const why = reason instanceof Error ? reason.message : String(reason);
    const document: JsonObject = {
      errorMessage: `Unable to marshal response: ${why}`,
      errorType: LambdaRuntimeErrorType.MarshalError,
      requestId,
      stackTrace: [],
    };
    return { document, text: pythonJsonDumps(document) };
  }
  const document: JsonObject = {
    errorType: LambdaRuntimeErrorType.JsonStringifyError,
    errorMessage: 'Unable to stringify response body',
    trace: [],
  };
  return { document, text: JSON.stringify(document) };
}

/**
 * The payload Lambda returns when the function's own timeout expires (newer runtimes), e.g.
 * `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}`.
 * Step Functions then reports error `Sandbox.Timedout` as a function failure (`LambdaFunctionFailed` /
 * `TaskFailed`), never as `States.Timeout`. The exact cause text Step Functions writes for it is
 * UNCONFIRMED: it is assumed to be this payload, passed on like any other function error payload.
 * Older runtimes returned no errorType at all (which Step Functions reports as `Lambda.Unknown`); the
 * engine models the newer behaviour only.
 */
export function functionTimeoutPayload(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  const document: JsonObject = {
    errorType: LambdaErrorName.SandboxTimedOut,
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
  return { document, text: JSON.stringify(document) };
}

/**
 * The error name and cause Step Functions derives from a function error payload. The error name is
 * the payload's `errorType`; without one it is `Lambda.Unknown`. The legacy resource integration passes
 * the payload text through unchanged (recordings show Python's spacing), while `lambda:invoke`
 * re-serialises it compactly.
 */
export function stepFunctionsErrorOf(payload: FunctionErrorPayload, passTextThrough: boolean): { error: string; cause: string } {
  const errorType = isJsonObject(payload.document) ? payload.document['errorType'] : undefined;
  if (typeof errorType !== 'string') {
    return {
      error: LambdaErrorName.Unknown,
      cause: `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload.text}`,
    };
  }
  return { error: errorType, cause: passTextThrough ? payload.text : JSON.stringify(payload.document) };
}
