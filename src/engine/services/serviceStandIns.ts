import { TargetError } from '../../errors.js';
import { StatesErrorName } from '../asl/errorNames.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { invokeLocalFunction } from '../lambda/invokeLocalFunction.js';
import { isJsonObject, toJsonValue } from '../data/json.js';
import type { ServiceTaskResource } from './serviceIntegrations.js';
import type { AttemptRequest, ServiceCallOutcome } from './serviceTaskAttempt.js';
import type { LocalFunction } from '../api/types.js';
import { applyServiceFaults } from './serviceFaults.js';

/**
 * A stand-in handler is not bound by a Lambda timeout of its own; only the state's TimeoutSeconds
 * limits it. This is Step Functions' own maximum for TimeoutSeconds.
 */
const standInTimeoutSeconds = 99_999_999;

/**
 * An HTTP Task (`http:invoke`) gives up after 60 seconds whatever its TimeoutSeconds, with the error
 * `States.Http.Socket`, which Step Functions documents. The cause text it carries is UNCONFIRMED.
 */
const httpTaskMaxSeconds = 60;
const httpSocketCause = 'The HTTP endpoint did not answer within 60 seconds.';

/**
 * Calls the local stand-in the scenario declared for a service integration the engine cannot reach
 * (`aws-sdk:s3:listObjects`, `sqs:sendMessage`, …): its fixed response, its error, or its handler. A
 * handler's thrown error becomes the task's error (the thrown `name`) and cause (its `message`).
 * Without a stand-in the run stops with a TargetError rather than guess what the service would say.
 * The scenario's faults for the Task run first (serviceFaults.ts) and may fail or delay the call.
 */
export async function callServiceStandIn(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
  stateTimeoutSeconds: number | undefined,
): Promise<ServiceCallOutcome> {
  const standIn = scope.integrations.services?.({ stateName: request.visit.name, serviceAction: resource.serviceAction });
  if (!standIn) {
    throw new TargetError(
      `State "${request.visit.name}" calls ${resource.serviceAction}, which the local engine cannot reach; declare a stand-in for it under services:`,
    );
  }
  const passage = await applyServiceFaults(scope, request, resource, stateTimeoutSeconds);
  if (passage.kind !== 'proceed') return passage;
  const timeoutSeconds = passage.timeoutSeconds;
  switch (standIn.kind) {
    case 'response': {
      const value = toJsonValue(standIn.response);
      if (value === undefined) throw new TargetError(`The stand-in response for ${resource.serviceAction} cannot be serialised to JSON`);
      return { kind: 'returned', value };
    }
    case 'error':
      return { kind: 'failed', error: standIn.error, cause: standIn.cause };
    case 'job': {
      // A job stand-in on a Task without `.sync`: the start call's response is all the Task waits for.
      const value = toJsonValue(standIn.response ?? {});
      if (value === undefined) throw new TargetError(`The stand-in response for ${resource.serviceAction} cannot be serialised to JSON`);
      return { kind: 'returned', value };
    }
    case 'handler': {
      const isHttpTask = resource.serviceAction === 'http:invoke';
      const fn: LocalFunction = {
        name: resource.serviceAction,
        arn: `arn:${scope.identity.partition}:states:::${resource.serviceAction}`,
        // A TimeoutSeconds at or below the HTTP cap still wins: the state's timer is set first.
        timeoutSeconds: isHttpTask ? httpTaskMaxSeconds : (timeoutSeconds ?? standInTimeoutSeconds),
        invoke: (parameters, context) => standIn.invoke(parameters, context),
      };
      const outcome = await invokeLocalFunction(scope, {
        fn,
        payload: request.effectiveInput,
        invokedFunctionArn: fn.arn,
        visit: request.visit,
        retryCount: request.retryCount,
        stateTimeoutSeconds: timeoutSeconds,
      });
      switch (outcome.kind) {
        case 'returned':
          return { kind: 'returned', value: outcome.value };
        case 'functionError': {
          const document = outcome.payload.document;
          const error = isJsonObject(document) && typeof document['errorType'] === 'string' ? document['errorType'] : 'Error';
          if (isHttpTask && outcome.timedOut) return { kind: 'failed', error: StatesErrorName.HttpSocket, cause: httpSocketCause };
          const message = isJsonObject(document) && typeof document['errorMessage'] === 'string' ? document['errorMessage'] : '';
          return { kind: 'failed', error, cause: message };
        }
        case 'stateTimedOut':
          return { kind: 'stateTimedOut' };
      }
    }
  }
}
