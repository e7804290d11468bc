import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { ExecutionScope, StateVisit } from '../runtime/ExecutionScope.js';
import { jsonTextOf, toJsonText, type JsonObject, type JsonValue, type JsonWithText } from '../data/json.js';
import { ensureTextWithinPayloadLimit } from './stateIo.js';
import { assignedVariablesDetailsOf } from '../data/variables.js';
import { notTruncated, type TextEventType } from '../runtime/HistoryRecorder.js';

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/**
 * Where the execution goes after a state: to another state, or to its end with an output.
 * `outputText` is the output's JSON text, already written to the `…StateExited` event: the next
 * state's `…StateEntered` (or the execution's end) reuses it instead of serialising the output again.
 */
export type StateOutcome =
  | { kind: 'next'; next: string; output: JsonValue; outputText: string }
  | { kind: 'end'; output: JsonValue; outputText: string };

/**
 * The event types of each state type, written once: a type built per event (`${type}StateEntered`)
 * is a new string every time, which the history keeps and every comparison has to flatten.
 */
const enteredEventTypes: Readonly<Record<StateType, TextEventType>> = {
  Task: 'TaskStateEntered',
  Pass: 'PassStateEntered',
  Choice: 'ChoiceStateEntered',
  Wait: 'WaitStateEntered',
  Succeed: 'SucceedStateEntered',
  Fail: 'FailStateEntered',
  Parallel: 'ParallelStateEntered',
  Map: 'MapStateEntered',
};
const exitedEventTypes: Readonly<Record<Exclude<StateType, 'Fail'>, TextEventType>> = {
  Task: 'TaskStateExited',
  Pass: 'PassStateExited',
  Choice: 'ChoiceStateExited',
  Wait: 'WaitStateExited',
  Succeed: 'SucceedStateExited',
  Parallel: 'ParallelStateExited',
  Map: 'MapStateExited',
};

export function enteredEventType(type: StateType): TextEventType {
  return enteredEventTypes[type] ?? (`${type}StateEntered` as TextEventType);
}

/**
 * Records `…StateEntered`. The first state of an execution is linked to event 0, as AWS does; the first
 * state of a Parallel branch or Map iteration (`isFirstState` false) to the branch's starting event.
 */
export function enterState(
  scope: ExecutionScope,
  name: string,
  type: StateType,
  input: JsonValue,
  isFirstState: boolean,
  inputText: string = toJsonText(input),
): StateVisit {
  const enteredPreviousEventId = isFirstState ? 0 : scope.history.lastEventId;
  const enteredEventId = scope.history.appendText(enteredEventType(type), inputText, name, enteredPreviousEventId);
  return { name, type, enteredEventId, enteredPreviousEventId, enteredTime: scope.clock.now() };
}

/**
 * Records `…StateExited` with the state's output (and the variables its `Assign` set, as
 * `assignedVariables`) and says where to go next. `knownOutput` saves serialising the output again
 * when the state passes on, unchanged, a value whose text is already known (a Task's result).
 */
export function exitState(
  scope: ExecutionScope,
  visit: StateVisit,
  type: Exclude<StateType, 'Fail'>,
  output: JsonValue,
  next: string | undefined,
  assignedVariables?: JsonObject,
  knownOutput?: JsonWithText,
): StateOutcome {
  const outputText = jsonTextOf(output, knownOutput);
  ensureTextWithinPayloadLimit(visit, outputText);
  const exitedType = exitedEventTypes[type] ?? (`${type}StateExited` as TextEventType);
  // `"Assign": {}` assigns nothing, and AWS then writes no assignedVariables (recorded).
  if (assignedVariables !== undefined && Object.keys(assignedVariables).length > 0) {
    const stateExitedEventDetails: NonNullable<HistoryEvent['stateExitedEventDetails']> = {
      name: visit.name,
      output: outputText,
      outputDetails: notTruncated,
      ...assignedVariablesDetailsOf(assignedVariables),
    };
    scope.history.append(exitedType, { stateExitedEventDetails });
  } else {
    scope.history.appendText(exitedType, outputText, visit.name);
  }
  return next === undefined ? { kind: 'end', output, outputText } : { kind: 'next', next, output, outputText };
}
