import type { StateVisit } from '../assertions/index.js';
import { normaliseEvents, parsePayload, stringField } from '../assertions/historyEvents.js';
import type { ScenarioResult } from '../run/results.js';

type JsonObject = Record<string, unknown>;

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/**
 * The task token given to TestState for a `.waitForTaskToken` state: a stand-in, since the history does not
 * hold the token the local run issued. It only reaches the request the state builds, which is not compared.
 */
export const STAND_IN_TASK_TOKEN = 'sfn-chaos-verify-task-token';

/**
 * The Context object (`$$`, `$states.context`) one attempt of a visit saw, rebuilt from the scenario's
 * execution and history for TestState's `context`: `Execution` (Id, Input, Name, RoleArn, StartTime,
 * RedriveCount 0), `State` (EnteredTime, Name, RetryCount: the Task, Map and Parallel states verify replays all have it) and `StateMachine`
 * (Id, Name), and for a `.waitForTaskToken` state `Task.Token` ({@link STAND_IN_TASK_TOKEN}). `Map.Item` is not
 * rebuilt: it only exists inside a Map's ItemSelector, which a mocked Map does not run. Undefined without an
 * execution.
 *
 * @example
 * ```ts
 * contextAt(result, visit, 2, false);
 * // { Execution: { Id: 'arn:…:execution:checkout:run-1', Input: {…}, Name: 'run-1', … }, State: { Name: 'Charge', EnteredTime: '…', RetryCount: 1 }, StateMachine: {…} }
 * ```
 */
export function contextAt(result: ScenarioResult, visit: StateVisit, attempt: number, callback: boolean): JsonObject | undefined {
  const execution = result.execution;
  if (!execution) return undefined;
  const started = normaliseEvents(result.history).find((event) => event.type === 'ExecutionStarted');
  const roleArn = started ? stringField(started.details, 'roleArn') : undefined;
  return {
    Execution: {
      Id: execution.executionArn,
      Input: parsePayload(started?.details['input'] ?? execution.input),
      StartTime: (started?.timestamp ?? execution.startDate).toISOString(),
      Name: execution.name || lastSegment(execution.executionArn),
      ...(roleArn !== undefined ? { RoleArn: roleArn } : {}),
      RedriveCount: 0,
    },
    StateMachine: { Id: execution.stateMachineArn, Name: lastSegment(execution.stateMachineArn) },
    State: { Name: visit.name, EnteredTime: visit.enteredAt.toISOString(), RetryCount: attempt - 1 },
    ...(callback ? { Task: { Token: STAND_IN_TASK_TOKEN } } : {}),
  };
}
