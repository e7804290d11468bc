import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { TargetError } from '../../errors.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { parseFunctionRef } from '../lambda/functionRef.js';
import { invokeLocalFunction } from '../lambda/invokeLocalFunction.js';
import { lambdaInvokeResponse } from '../lambda/invokeResponse.js';
import { pythonJsonDumps } from '../data/pythonJsonDumps.js';
import { isJsonObject, toJsonText, type JsonObject, type JsonValue } from '../data/json.js';
import { IntegrationPattern, type ServiceTaskResource } from './serviceIntegrations.js';
import {
  resultTooLargeCause,
  runServiceTaskAttempt,
  type AttemptOutcome,
  type AttemptRequest,
  type ServiceCallOutcome,
} from './serviceTaskAttempt.js';
import { stepFunctionsErrorOf } from '../lambda/lambdaErrorPayload.js';
import { jsonTextExceedsPayloadLimit } from '../visit/stateIo.js';
import { isDeferredInvocationType } from '../lambda/asyncInvokeResponse.js';
import { invocationLogTail } from '../lambda/invocationLogTail.js';
import { callDeferredLambdaInvoke } from './deferredLambdaInvoke.js';
import { functionNotFound } from './functionNotFound.js';
import { notTruncated } from '../runtime/HistoryRecorder.js';

export type { AttemptOutcome, AttemptRequest } from './serviceTaskAttempt.js';

const optimizedInvoke = { resourceType: 'lambda', resource: 'invoke' } as const;

/** `arn:aws:states:::lambda:invoke` as a service integration. */
const lambdaInvokeResource: ServiceTaskResource = {
  ...optimizedInvoke,
  serviceAction: 'lambda:invoke',
  pattern: IntegrationPattern.RequestResponse,
  isSdkIntegration: false,
};

/** Legacy integration: `Resource` is the function ARN; events are `LambdaFunction*`. */
export async function runLegacyLambdaAttempt(scope: ExecutionScope, request: AttemptRequest): Promise<AttemptOutcome> {
  const { visit, state, effectiveInput, effectiveInputText, timeoutSeconds } = request;
  const resource = state.Resource;
  const fn = scope.functions(resource);
  if (!fn) {
    // What AWS records for a missing function behind a legacy ARN is not known; refuse rather than guess.
    throw new TargetError(`No local function is registered for ${resource} (state "${visit.name}")`);
  }
  const lambdaFunctionScheduledEventDetails: NonNullable<HistoryEvent['lambdaFunctionScheduledEventDetails']> = {
    resource,
    input: effectiveInputText,
    inputDetails: notTruncated,
  };
  if (timeoutSeconds !== undefined) lambdaFunctionScheduledEventDetails.timeoutInSeconds = timeoutSeconds;
  if (request.taskCredentials !== undefined) lambdaFunctionScheduledEventDetails.taskCredentials = request.taskCredentials;
  scope.history.append('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails });
  scope.history.append('LambdaFunctionStarted');
  const outcome = await invokeLocalFunction(scope, {
    fn,
    payload: effectiveInput,
    invokedFunctionArn: resource,
    visit,
    retryCount: request.retryCount,
    stateTimeoutSeconds: timeoutSeconds,
  });
  switch (outcome.kind) {
    case 'returned': {
      if (jsonTextExceedsPayloadLimit(outcome.text)) {
        // AWS names the function ARN here (recorded), where lambda:invoke says 'lambda'.
        const failure = { error: StatesErrorName.DataLimitExceeded, cause: resultTooLargeCause(resource) };
        scope.history.append('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: failure });
        return { ok: false, ...failure };
      }
      scope.history.appendText('LambdaFunctionSucceeded', outcome.text);
      return { ok: true, result: outcome.value, resultText: outcome.text };
    }
    case 'functionError': {
      const failure = stepFunctionsErrorOf(outcome.payload, true);
      scope.history.append('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: failure });
      return { ok: false, ...failure };
    }
    case 'stateTimedOut':
      scope.history.append('LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: StatesErrorName.Timeout } });
      return { ok: false, error: StatesErrorName.Timeout, cause: undefined };
  }
}

/**
 * Optimized integration `arn:aws:states:::lambda:invoke` (events are `Task*`, the result is the Invoke
 * response) and its callback form `lambda:invoke.waitForTaskToken`, whose Invoke response becomes the
 * TaskSubmitted output (by analogy with the recorded SQS callback: UNCONFIRMED for Lambda) and whose
 * function error fails the task at once.
 */
export async function runOptimizedInvokeAttempt(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource = lambdaInvokeResource,
): Promise<AttemptOutcome> {
  const { visit, effectiveInput: parameters } = request;
  if (!isJsonObject(parameters) || typeof parameters['FunctionName'] !== 'string') {
    throw new TargetError(
      `State "${visit.name}": lambda:invoke needs Parameters with a string FunctionName, got ${toJsonText(parameters)}`,
    );
  }
  const invocationType = parameters['InvocationType'];
  if (invocationType !== undefined && invocationType !== 'RequestResponse' && !isDeferredInvocationType(invocationType)) {
    throw new TargetError(`State "${visit.name}": InvocationType ${toJsonText(invocationType)} is not supported by the local engine yet`);
  }
  return runServiceTaskAttempt(scope, request, resource, (timeoutSeconds) =>
    isDeferredInvocationType(invocationType)
      ? callDeferredLambdaInvoke(scope, request, parameters, invocationType)
      : callLambdaInvoke(scope, request, parameters, timeoutSeconds),
  );
}

async function callLambdaInvoke(
  scope: ExecutionScope,
  request: AttemptRequest,
  parameters: JsonObject,
  timeoutSeconds: number | undefined,
): Promise<ServiceCallOutcome> {
  const qualifier = parameters['Qualifier'];
  const functionRef =
    typeof qualifier === 'string' ? `${String(parameters['FunctionName'])}:${qualifier}` : String(parameters['FunctionName']);
  const fn = scope.functions(functionRef);
  if (!fn) return functionNotFound(scope, functionRef);
  const parsedRef = parseFunctionRef(functionRef);
  const invokedAt = scope.clock.now();
  const outcome = await invokeLocalFunction(scope, {
    fn,
    payload: invokePayloadOf(parameters),
    invokedFunctionArn: parsedRef?.qualifier === undefined ? fn.arn : `${fn.arn}:${parsedRef.qualifier}`,
    visit: request.visit,
    retryCount: request.retryCount,
    stateTimeoutSeconds: timeoutSeconds,
  });
  switch (outcome.kind) {
    case 'returned': {
      const executedVersion = parsedRef?.qualifier !== undefined && /^\d+$/.test(parsedRef.qualifier) ? parsedRef.qualifier : '$LATEST';
      // The response body as the function's runtime wrote it: Python's json.dumps spacing, Node's JSON.stringify.
      const responseText = fn.runtime === 'python' ? pythonJsonDumps(outcome.value) : outcome.text;
      const logResult =
        parameters['LogType'] === 'Tail'
          ? invocationLogTail(outcome.requestId, executedVersion, scope.clock.now() - invokedAt, outcome.logLines)
          : undefined;
      return {
        kind: 'returned',
        value: lambdaInvokeResponse(outcome.value, outcome.requestId, scope.clock.now(), executedVersion, responseText, logResult),
      };
    }
    case 'functionError':
      return { kind: 'failed', ...stepFunctionsErrorOf(outcome.payload, false) };
    case 'stateTimedOut':
      return { kind: 'stateTimedOut' };
  }
}

/**
 * What the function receives from a `lambda:invoke` `Payload` (recorded on AWS): absent or `null`, `{}`;
 * a string is sent as the raw request body, so JSON text arrives parsed (`"\"HelloWorld\""` as
 * `"HelloWorld"`, `"0"` as `0`, `"[]"` as `[]`). A string that is not JSON text stays a string:
 * UNCONFIRMED (Lambda may refuse such a body).
 */
export function invokePayloadOf(parameters: JsonObject): JsonValue {
  const payload = parameters['Payload'];
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload) as JsonValue;
  } catch {
    return payload;
  }
}
