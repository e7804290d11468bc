import { randomUUID } from 'node:crypto';
import { TargetError } from '../errors.js';
import type { TaskState } from './definitionTypes.js';
import type { ExecutionScope, StateVisit } from './ExecutionScope.js';
import { StatesErrorName, LambdaErrorName } from './errorNames.js';
import { parseFunctionRef, qualifiedFunctionArn } from './functionRef.js';
import { invokeLocalFunction } from './invokeLocalFunction.js';
import { lambdaInvokeResponse } from './invokeResponse.js';
import { isJsonObject, toJsonText, type JsonValue } from './json.js';
import { stepFunctionsErrorOf } from './lambdaErrorPayload.js';
import { exceedsPayloadLimit } from './stateIo.js';

/** What one attempt of a Task produced: its result, or the error Retry and Catch will look at. */
export type AttemptOutcome = { ok: true; result: JsonValue } | { ok: false; error: string; cause: string | undefined };

export interface AttemptRequest {
  visit: StateVisit;
  state: TaskState;
  /** The state's effective input (after InputPath and Parameters). */
  effectiveInput: JsonValue;
  timeoutSeconds: number | undefined;
  retryCount: number;
}

const optimizedInvoke = { resourceType: 'lambda', resource: 'invoke' } as const;

/**
 * Cause AWS recorded for a `lambda:invoke` result over 256 KiB. For the legacy resource integration the
 * wording (and whether the name in quotes is 'lambda') is UNCONFIRMED; the same text is used.
 */
const resultTooLargeCause = "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";

/** Legacy integration: `Resource` is the function ARN; events are `LambdaFunction*`. */
export async function runLegacyLambdaAttempt(scope: ExecutionScope, request: AttemptRequest): Promise<AttemptOutcome> {
  const { visit, state, effectiveInput, timeoutSeconds } = request;
  const resource = state.Resource;
  const fn = scope.functions(resource);
  if (!fn) {
    // What AWS records for a missing function behind a legacy ARN is not known; refuse rather than guess.
    throw new TargetError(`No local function is registered for ${resource} (state "${visit.name}")`);
  }
  scope.history.append('LambdaFunctionScheduled', {
    lambdaFunctionScheduledEventDetails: {
      resource,
      input: toJsonText(effectiveInput),
      inputDetails: { truncated: false },
      ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
    },
  });
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
      if (exceedsPayloadLimit(outcome.value)) {
        const failure = { error: StatesErrorName.DataLimitExceeded, cause: resultTooLargeCause };
        scope.history.append('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: failure });
        return { ok: false, ...failure };
      }
      scope.history.append('LambdaFunctionSucceeded', {
        lambdaFunctionSucceededEventDetails: { output: toJsonText(outcome.value), outputDetails: { truncated: false } },
      });
      return { ok: true, result: outcome.value };
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

/** Optimized integration `arn:aws:states:::lambda:invoke`: events are `Task*`, the result is the Invoke response. */
export async function runOptimizedInvokeAttempt(scope: ExecutionScope, request: AttemptRequest): Promise<AttemptOutcome> {
  const { visit, effectiveInput: parameters, timeoutSeconds } = request;
  if (!isJsonObject(parameters) || typeof parameters['FunctionName'] !== 'string') {
    throw new TargetError(`State "${visit.name}": lambda:invoke needs Parameters with a string FunctionName, got ${toJsonText(parameters)}`);
  }
  const invocationType = parameters['InvocationType'];
  if (invocationType !== undefined && invocationType !== 'RequestResponse') {
    throw new TargetError(`State "${visit.name}": InvocationType ${toJsonText(invocationType)} is not supported by the local engine yet`);
  }
  scope.history.append('TaskScheduled', {
    taskScheduledEventDetails: {
      ...optimizedInvoke,
      region: scope.identity.region,
      parameters: toJsonText(parameters),
      ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
    },
  });
  scope.history.append('TaskStarted', { taskStartedEventDetails: { ...optimizedInvoke } });

  const qualifier = parameters['Qualifier'];
  const functionRef = typeof qualifier === 'string' ? `${parameters['FunctionName']}:${qualifier}` : parameters['FunctionName'];
  const fn = scope.functions(functionRef);
  if (!fn) {
    const failure = {
      error: LambdaErrorName.ResourceNotFound,
      cause:
        `Function not found: ${qualifiedFunctionArn(functionRef, scope.identity)} (Service: AWSLambda; Status Code: 404; ` +
        `Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
    };
    scope.history.append('TaskFailed', { taskFailedEventDetails: { ...optimizedInvoke, ...failure } });
    return { ok: false, ...failure };
  }
  const parsedRef = parseFunctionRef(functionRef);
  const outcome = await invokeLocalFunction(scope, {
    fn,
    payload: Object.hasOwn(parameters, 'Payload') ? (parameters['Payload'] as JsonValue) : {},
    invokedFunctionArn: parsedRef?.qualifier === undefined ? fn.arn : `${fn.arn}:${parsedRef.qualifier}`,
    visit,
    retryCount: request.retryCount,
    stateTimeoutSeconds: timeoutSeconds,
  });
  switch (outcome.kind) {
    case 'returned': {
      const executedVersion = parsedRef?.qualifier !== undefined && /^\d+$/.test(parsedRef.qualifier) ? parsedRef.qualifier : '$LATEST';
      const response = lambdaInvokeResponse(outcome.value, outcome.requestId, scope.clock.now(), executedVersion);
      if (exceedsPayloadLimit(response)) {
        const failure = { error: StatesErrorName.DataLimitExceeded, cause: resultTooLargeCause };
        scope.history.append('TaskFailed', { taskFailedEventDetails: { ...optimizedInvoke, ...failure } });
        return { ok: false, ...failure };
      }
      scope.history.append('TaskSucceeded', {
        taskSucceededEventDetails: { ...optimizedInvoke, output: toJsonText(response), outputDetails: { truncated: false } },
      });
      return { ok: true, result: response };
    }
    case 'functionError': {
      const failure = stepFunctionsErrorOf(outcome.payload, false);
      scope.history.append('TaskFailed', { taskFailedEventDetails: { ...optimizedInvoke, ...failure } });
      return { ok: false, ...failure };
    }
    case 'stateTimedOut':
      scope.history.append('TaskTimedOut', { taskTimedOutEventDetails: { ...optimizedInvoke, error: StatesErrorName.Timeout } });
      return { ok: false, error: StatesErrorName.Timeout, cause: undefined };
  }
}
