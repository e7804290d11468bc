import { TargetError } from '../../errors.js';
import type { ExecutionResult } from '../api/types.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { isJsonObject, toJsonText, type JsonObject, type JsonValue } from '../data/json.js';
import type { ChildExecution } from '../runtime/childExecutions.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { runJobAttempt, type JobEnding } from './runJobAttempt.js';
import { stateMachineNotFound } from './stateMachineNotFound.js';
import { applyServiceFaults } from './serviceFaults.js';
import { IntegrationPattern, type ServiceTaskResource } from './serviceIntegrations.js';
import { runServiceTaskAttempt, type AttemptOutcome, type AttemptRequest } from './serviceTaskAttempt.js';

/** True for `arn:aws:states:::states:startExecution` with any suffix (a nested workflow). */
export function isStartExecutionResource(resource: ServiceTaskResource): boolean {
  return resource.serviceAction === 'states:startExecution';
}

/**
 * A Task that starts a nested workflow (`states:startExecution`): the child named by
 * `StateMachineArn` runs on the same virtual clock with its own history.
 *
 * - No suffix: the Task succeeds with the StartExecution response `{ExecutionArn, StartDate}` (StartDate
 *   in epoch milliseconds). AWS adds `SdkHttpMetadata` and `SdkResponseMetadata` (LocalStack's AWS-recorded
 *   snapshot), which are left out here.
 * - `.waitForTaskToken`: that response is the TaskSubmitted output; the Task then waits for its token.
 * - `.sync` / `.sync:2`: TaskSubmitted with the response, then the child's DescribeExecution as output
 *   (`.sync`: Input and Output as JSON text; `.sync:2`: as JSON values). A child that does not succeed fails
 *   the Task with `States.TaskFailed` and its DescribeExecution JSON as cause, whatever its own error. These
 *   shapes (PascalCase keys in alphabetical order, the Redrive fields) are a third-party emulator's (Floci)
 *   measurements on AWS, not AWS documentation.
 * - The scenario's faults for the Task (serviceFaults.ts) run before the StartExecution call: an error or
 *   throttle fails it (`StepFunctions.<code>`, no child is started), a hang waits for TimeoutSeconds.
 * - A `StateMachineArn` the engine does not know: the Task fails with `StepFunctions.StateMachineDoesNotExist`
 *   (after TaskStarted, no TaskSubmitted), whatever the pattern.
 */
export function runStartExecutionAttempt(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
): Promise<AttemptOutcome> {
  if (resource.pattern !== IntegrationPattern.RunJob) {
    return runServiceTaskAttempt(scope, request, resource, async (timeoutSeconds) => {
      const passage = await applyServiceFaults(scope, request, resource, timeoutSeconds);
      if (passage.kind !== 'proceed') return passage;
      const child = startChild(scope, request, false);
      if ('kind' in child) return child;
      return { kind: 'returned', value: startExecutionResponse(child) };
    });
  }
  const parsedOutput = resource.resource.endsWith('.sync:2');
  return runJobAttempt(scope, request, resource, async () => {
    // The start call is made right after TaskStarted, so all of TimeoutSeconds is still left.
    const passage = await applyServiceFaults(scope, request, resource, request.timeoutSeconds);
    if (passage.kind !== 'proceed') return passage;
    const child = startChild(scope, request, true);
    if ('kind' in child) return child;
    return {
      kind: 'started',
      response: startExecutionResponse(child),
      ended: child.done.then((result) => childEnding(result, parsedOutput)),
      stop: () =>
        child.stop(
          undefined,
          `The Task state in AWS Step Functions execution [${scope.identity.executionArn}] which was managing this resource was aborted`,
        ),
    };
  });
}

/** Starts the child, or answers StartExecution's error for a state machine the engine does not know. */
function startChild(
  scope: ExecutionScope,
  request: AttemptRequest,
  managed: boolean,
): ChildExecution | ReturnType<typeof stateMachineNotFound> {
  const parameters = request.effectiveInput;
  const { visit } = request;
  if (!isJsonObject(parameters) || typeof parameters['StateMachineArn'] !== 'string') {
    throw new TargetError(
      `State "${visit.name}": states:startExecution needs Parameters with a string StateMachineArn, got ${toJsonText(parameters)}`,
    );
  }
  const arn = parameters['StateMachineArn'];
  const children = scope.integrations.children;
  if (children === undefined) throw new TargetError(`State "${visit.name}" starts ${arn}, but this engine runs no nested workflows`);
  const machine = scope.integrations.stateMachines?.(arn);
  if (machine === undefined) return stateMachineNotFound(arn);
  const name = parameters['Name'];
  if (name !== undefined && typeof name !== 'string')
    throw new TargetError(`State "${visit.name}": the Name of states:startExecution must be a string`);
  return children.start({ machine, input: childInput(parameters), managed, ...(name === undefined ? {} : { name }) });
}

/**
 * The child's input: the `Input` parameter (default `{}`, as StartExecution's). A string holding JSON
 * (`States.JsonToString(...)`) is the child's input as that JSON, a string that is not JSON stays a string;
 * both as a third-party emulator describes AWS (UNCONFIRMED). `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID`
 * is an ordinary input field: AWS uses it to link the executions in its console, and it reaches the child as given.
 */
function childInput(parameters: JsonObject): JsonValue {
  const input = parameters['Input'];
  if (input === undefined) return {};
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as JsonValue;
  } catch {
    return input;
  }
}

function startExecutionResponse(child: ChildExecution): JsonObject {
  return { ExecutionArn: child.executionArn, StartDate: child.startDate };
}

function childEnding(result: ExecutionResult, parsedOutput: boolean): JobEnding {
  if (result.status === 'SUCCEEDED') return { kind: 'succeeded', output: describeExecution(result, parsedOutput) };
  // A child's States.Timeout (or any error) reaches the parent as States.TaskFailed: AWS documents it for the timeout.
  return { kind: 'failed', error: StatesErrorName.TaskFailed, cause: toJsonText(describeExecution(result, false)) };
}

/** The child's DescribeExecution as a `.sync` Task sees it: PascalCase, keys in alphabetical order, dates in epoch ms. */
function describeExecution(result: ExecutionResult, parsed: boolean): JsonObject {
  const succeeded = result.status === 'SUCCEEDED';
  const payload = (text: string): JsonValue => (parsed ? (JSON.parse(text) as JsonValue) : text);
  const described: JsonObject = {};
  if (result.cause !== undefined) described['Cause'] = result.cause;
  if (result.error !== undefined) described['Error'] = result.error;
  described['ExecutionArn'] = result.executionArn;
  described['Input'] = payload(result.input);
  described['InputDetails'] = { Included: true };
  described['Name'] = result.name;
  if (result.output !== undefined) {
    described['Output'] = payload(result.output);
    described['OutputDetails'] = { Included: true };
  }
  described['RedriveCount'] = 0;
  described['RedriveStatus'] = succeeded ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
  if (succeeded) described['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  described['StartDate'] = result.startDate.getTime();
  described['StateMachineArn'] = result.stateMachineArn;
  described['Status'] = result.status;
  described['StopDate'] = result.stopDate.getTime();
  return described;
}
