import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../data/json.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { functionNotFound } from './functionNotFound.js';
import type { AttemptRequest, ServiceCallOutcome } from './serviceTaskAttempt.js';
import { DeferredInvocationType, lambdaDeferredInvokeResponse } from '../lambda/asyncInvokeResponse.js';
import { parseFunctionRef } from '../lambda/functionRef.js';

/**
 * `lambda:invoke` with `InvocationType: Event` or `DryRun`: the call returns at once with Lambda's
 * 202 / 204 response. `Event` queues the payload for Lambda's asynchronous invocation (see
 * `AsyncInvocationQueue`), so whatever the function does, its errors included, never reaches the
 * state's Retry or Catch; `DryRun` runs nothing. A missing function fails the call for both, as
 * Lambda checks the function before accepting the request.
 */
export async function callDeferredLambdaInvoke(
  scope: ExecutionScope,
  request: AttemptRequest,
  parameters: JsonObject,
  invocationType: DeferredInvocationType,
): Promise<ServiceCallOutcome> {
  const qualifier = parameters['Qualifier'];
  const functionRef =
    typeof qualifier === 'string' ? `${String(parameters['FunctionName'])}:${qualifier}` : String(parameters['FunctionName']);
  const fn = scope.functions(functionRef);
  if (!fn) return functionNotFound(scope, functionRef);
  const requestId = randomUUID();
  if (invocationType === DeferredInvocationType.Event) {
    const parsedRef = parseFunctionRef(functionRef);
    scope.asyncInvocations().enqueue({
      fn,
      payload: Object.hasOwn(parameters, 'Payload') ? (parameters['Payload'] as JsonValue) : {},
      invokedFunctionArn: parsedRef?.qualifier === undefined ? fn.arn : `${fn.arn}:${parsedRef.qualifier}`,
      visit: request.visit,
      retryCount: request.retryCount,
      requestId,
    });
  }
  return { kind: 'returned', value: lambdaDeferredInvokeResponse(invocationType, requestId, scope.clock.now()) };
}
