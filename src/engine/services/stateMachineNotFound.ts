import { randomUUID } from 'node:crypto';
import { StepFunctionsErrorName } from '../asl/errorNames.js';

/**
 * What a `states:startExecution` Task fails with when its `StateMachineArn` names no state machine the
 * engine knows (for the local target: none of the scenario file's). StartExecution answers
 * `StateMachineDoesNotExist`; the Task sees it as `StepFunctions.StateMachineDoesNotExist` (see
 * {@link StepFunctionsErrorName}). The cause follows the shape AWS writes for other failed service calls
 * (`… (Service: …; Status Code: 400; Error Code: …; Request ID: …; Proxy: null)`): UNCONFIRMED for this API.
 *
 * @example
 * ```ts
 * stateMachineNotFound('arn:aws:states:us-east-1:123456789012:stateMachine:missing');
 * // { kind: 'failed', error: 'StepFunctions.StateMachineDoesNotExist', cause: "State Machine Does Not Exist: '…' (Service: AWSStepFunctions; …)" }
 * ```
 */
export function stateMachineNotFound(stateMachineArn: string): { kind: 'failed'; error: string; cause: string } {
  return {
    kind: 'failed',
    error: StepFunctionsErrorName.StateMachineDoesNotExist,
    cause:
      `State Machine Does Not Exist: '${stateMachineArn}' (Service: AWSStepFunctions; Status Code: 400; ` +
      `Error Code: StateMachineDoesNotExist; Request ID: ${randomUUID()}; Proxy: null)`,
  };
}
