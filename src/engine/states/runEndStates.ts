import type { FailState, SucceedState } from '../definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../ExecutionScope.js';
import { StatesErrorName } from '../errorNames.js';
import { PathFailure, TerminalFailure, stateFailureCause } from '../failures.js';
import type { JsonValue } from '../json.js';
import { readPath } from '../jsonPath.js';
import { applyInputPath, applyOutputPath } from '../stateIo.js';
import { exitState, type StateOutcome } from '../stateTransitions.js';

export function runSucceedState(scope: ExecutionScope, visit: StateVisit, state: SucceedState, stateInput: JsonValue): StateOutcome {
  const filteredInput = applyInputPath(visit, state.InputPath, stateInput);
  return exitState(scope, visit, 'Succeed', applyOutputPath(visit, state.OutputPath, filteredInput), undefined);
}

/** A Fail state ends the execution with its Error and Cause (or the strings ErrorPath / CausePath select). */
export function runFailState(visit: StateVisit, state: FailState, stateInput: JsonValue): never {
  const select = (path: string, field: string): string => {
    let value: JsonValue;
    try {
      value = readPath(path, stateInput);
    } catch (error) {
      if (error instanceof PathFailure) {
        throw new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, error.detail));
      }
      throw error;
    }
    if (typeof value !== 'string') {
      throw new TerminalFailure(
        StatesErrorName.Runtime,
        stateFailureCause(visit.name, visit.enteredEventId, `The ${field} '${path}' must select a string, found ${JSON.stringify(value)}`),
      );
    }
    return value;
  };
  const error = state.ErrorPath === undefined ? state.Error : select(state.ErrorPath, 'ErrorPath');
  const cause = state.CausePath === undefined ? state.Cause : select(state.CausePath, 'CausePath');
  throw new TerminalFailure(error, cause);
}
