import { TargetError } from '../../errors.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { isJsonObject } from '../data/json.js';
import { invokeLocalFunction } from '../lambda/invokeLocalFunction.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import type { LocalFunction, LocalServiceFaultInjector } from '../api/types.js';
import { serviceErrorCause, serviceErrorName, serviceThrottleError } from './serviceErrors.js';
import type { ServiceTaskResource } from './serviceIntegrations.js';
import type { AttemptRequest, ServiceCallOutcome } from './serviceTaskAttempt.js';

/**
 * A service Task with no TimeoutSeconds is not bound by any limit a fault could hang into; this is
 * Step Functions' own maximum for TimeoutSeconds, the longest a hang may then last.
 */
const noTimeoutSeconds = 99_999_999;

/** An HTTP Task gives up after 60 seconds with `States.Http.Socket` (as serviceStandIns.ts). */
const httpTaskMaxSeconds = 60;
const httpSocketCause = 'The HTTP endpoint did not answer within 60 seconds.';

/** The call goes ahead, with what is left of the state's TimeoutSeconds. */
export type ServiceFaultPassage = { kind: 'proceed'; timeoutSeconds: number | undefined };

/**
 * Runs the scenario's faults for a service Task's call before the call is made (on the local engine
 * only): a delay waits on the virtual clock, a hang waits until the state's TimeoutSeconds ends the
 * attempt (`States.Timeout`, TaskTimedOut; an HTTP Task's 60 seconds first: `States.Http.Socket`), and
 * an error or throttle fails the attempt with the error name and cause the service gives through Step
 * Functions (serviceErrors.ts). Without faults for the Task the call goes ahead untouched.
 *
 * @example
 * const passage = await applyServiceFaults(scope, request, resource, timeoutSeconds);
 * if (passage.kind !== 'proceed') return passage; // the fault decided the attempt
 */
export async function applyServiceFaults(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
  timeoutSeconds: number | undefined,
): Promise<ServiceFaultPassage | Exclude<ServiceCallOutcome, { kind: 'returned' }>> {
  const injector = scope.integrations.serviceFaults?.({
    stateName: request.visit.name,
    serviceAction: resource.serviceAction,
    resourceType: resource.resourceType,
    isSdkIntegration: resource.isSdkIntegration,
  });
  if (!injector) return { kind: 'proceed', timeoutSeconds };
  const isHttpTask = resource.serviceAction === 'http:invoke';
  const startedAt = scope.clock.now();
  const outcome = await runTaskFaults(scope, request, injector, {
    name: resource.serviceAction,
    arn: `arn:${scope.identity.partition}:states:::${resource.serviceAction}`,
    limitSeconds: isHttpTask ? httpTaskMaxSeconds : (timeoutSeconds ?? noTimeoutSeconds),
    stateTimeoutSeconds: timeoutSeconds,
  });
  switch (outcome.kind) {
    case 'stateTimedOut':
      return { kind: 'stateTimedOut' };
    case 'hungPastLimit':
      if (isHttpTask) return { kind: 'failed', error: StatesErrorName.HttpSocket, cause: httpSocketCause };
      throw new TargetError(
        `State "${request.visit.name}": a timeout fault hangs its ${resource.serviceAction} call, but the state has no TimeoutSeconds to end it; give the state a TimeoutSeconds or the fault a number of seconds`,
      );
    case 'throttle': {
      const throttle = serviceThrottleError(resource, outcome.requestId, outcome.message);
      if (throttle === undefined) {
        throw new TargetError(
          `State "${request.visit.name}": sfn-chaos does not know the throttling error of ${resource.serviceAction}; name it with an error fault instead`,
        );
      }
      return { kind: 'failed', error: throttle.error, cause: throttle.cause };
    }
    case 'error': {
      const error = serviceErrorName(resource, outcome.error);
      return {
        kind: 'failed',
        error,
        cause: serviceErrorCause(resource, { error, message: outcome.message ?? '', requestId: outcome.requestId }),
      };
    }
    case 'none': {
      const elapsedSeconds = (scope.clock.now() - startedAt) / 1000;
      return { kind: 'proceed', timeoutSeconds: timeoutSeconds === undefined ? undefined : Math.max(0, timeoutSeconds - elapsedSeconds) };
    }
  }
}

/** What a Task's faults did to one call or worker answer: nothing (or only delayed it), or fail it. */
export type TaskFaultOutcome =
  | { kind: 'none' }
  | { kind: 'error'; error: string; message: string | undefined; requestId: string }
  | { kind: 'throttle'; message: string | undefined; requestId: string }
  /** The state's TimeoutSeconds ended the fault's wait (`States.Timeout`). */
  | { kind: 'stateTimedOut' }
  /** A hang ran into `limitSeconds` (what ends it is the caller's to say). */
  | { kind: 'hungPastLimit' };

/**
 * Runs a Task's fault injector once, on the virtual clock, as a Lambda-like invocation named after the
 * call (so that `latency` and `timeout` waits, `attempts` and `match` work as for a function): the one
 * place service Tasks and activity workers run their faults. `limitSeconds` bounds a hang;
 * `stateTimeoutSeconds`, when given, ends the wait first with `stateTimedOut`.
 *
 * @example
 * const outcome = await runTaskFaults(scope, request, injector, { name: 'sqs:sendMessage', arn, limitSeconds: 30, stateTimeoutSeconds: 30 });
 * if (outcome.kind === 'error') fail(outcome.error, outcome.message);
 */
export async function runTaskFaults(
  scope: ExecutionScope,
  request: Pick<AttemptRequest, 'effectiveInput' | 'visit' | 'retryCount'>,
  injector: LocalServiceFaultInjector,
  call: { name: string; arn: string; limitSeconds: number; stateTimeoutSeconds: number | undefined },
): Promise<TaskFaultOutcome> {
  const fn: LocalFunction = {
    name: call.name,
    arn: call.arn,
    timeoutSeconds: call.limitSeconds,
    invoke: async (parameters, context) => ({ ...(await injector.inject(parameters, context)) }),
  };
  const outcome = await invokeLocalFunction(scope, {
    fn,
    payload: request.effectiveInput,
    invokedFunctionArn: fn.arn,
    visit: request.visit,
    retryCount: request.retryCount,
    stateTimeoutSeconds: call.stateTimeoutSeconds,
  });
  switch (outcome.kind) {
    case 'stateTimedOut':
      return { kind: 'stateTimedOut' };
    case 'functionError': {
      if (outcome.timedOut) return { kind: 'hungPastLimit' };
      const document = outcome.payload.document;
      const message = isJsonObject(document) && typeof document['errorMessage'] === 'string' ? document['errorMessage'] : '';
      throw new TargetError(`State "${request.visit.name}": the faults for its ${call.name} call failed: ${message}`);
    }
    case 'returned': {
      const effect = outcome.value;
      const kind = isJsonObject(effect) ? effect['kind'] : undefined;
      const message = isJsonObject(effect) && typeof effect['message'] === 'string' ? effect['message'] : undefined;
      if (kind === 'throttle') return { kind: 'throttle', message, requestId: outcome.requestId };
      if (kind === 'error' && isJsonObject(effect) && typeof effect['error'] === 'string') {
        return { kind: 'error', error: effect['error'], message, requestId: outcome.requestId };
      }
      return { kind: 'none' };
    }
  }
}
