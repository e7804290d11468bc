import type { HistoryEventType } from '@aws-sdk/client-sfn';
import type { ExecutionScope, StateVisit } from './ExecutionScope.js';
import { toJsonText, type JsonObject, type JsonValue } from './json.js';
import { ensureWithinPayloadLimit } from './stateIo.js';
import { assignedVariablesDetailsOf } from './variables.js';

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** Where the execution goes after a state: to another state, or to its end with an output. */
export type StateOutcome = { kind: 'next'; next: string; output: JsonValue } | { kind: 'end'; output: JsonValue };

export function enteredEventType(type: StateType): HistoryEventType {
  return `${type}StateEntered` as HistoryEventType;
}

/**
 * Records `…StateEntered`. The first state of an execution is linked to event 0, as AWS does; the first
 * state of a Parallel branch or Map iteration (`isFirstState` false) to the branch's starting event.
 */
export function enterState(scope: ExecutionScope, name: string, type: StateType, input: JsonValue, isFirstState: boolean): StateVisit {
  const details = { stateEnteredEventDetails: { name, input: toJsonText(input), inputDetails: { truncated: false } } };
  const enteredEventId = scope.history.append(enteredEventType(type), details, isFirstState ? 0 : scope.history.lastEventId);
  return { name, enteredEventId, enteredTime: scope.clock.now() };
}

/**
 * Records `…StateExited` with the state's output (and the variables its `Assign` set, as
 * `assignedVariables`) and says where to go next.
 */
export function exitState(
  scope: ExecutionScope,
  visit: StateVisit,
  type: Exclude<StateType, 'Fail'>,
  output: JsonValue,
  next: string | undefined,
  assignedVariables?: JsonObject,
): StateOutcome {
  ensureWithinPayloadLimit(visit, output);
  scope.history.append(`${type}StateExited` as HistoryEventType, {
    stateExitedEventDetails: {
      name: visit.name,
      output: toJsonText(output),
      outputDetails: { truncated: false },
      ...(assignedVariables === undefined ? {} : assignedVariablesDetailsOf(assignedVariables)),
    },
  });
  return next === undefined ? { kind: 'end', output } : { kind: 'next', next, output };
}
