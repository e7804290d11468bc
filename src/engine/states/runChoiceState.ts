import type { ChoiceState } from '../definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../ExecutionScope.js';
import { choiceRuleHolds } from '../choiceRules.js';
import { StatesErrorName } from '../errorNames.js';
import { PathFailure, TerminalFailure, stateFailureCause } from '../failures.js';
import type { JsonValue } from '../json.js';
import { applyInputPath, applyOutputPath } from '../stateIo.js';
import { exitState, type StateOutcome } from '../stateTransitions.js';

/** The first rule that holds picks the next state; otherwise Default; otherwise the execution fails. */
export function runChoiceState(scope: ExecutionScope, visit: StateVisit, state: ChoiceState, stateInput: JsonValue): StateOutcome {
  const filteredInput = applyInputPath(visit, state.InputPath, stateInput);
  const contextObject = scope.contextObject(visit, 0);
  let next: string | undefined;
  try {
    next = state.Choices.find((rule) => choiceRuleHolds(rule, filteredInput, contextObject))?.['Next'] as string | undefined;
  } catch (error) {
    if (error instanceof PathFailure) {
      throw new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, error.detail));
    }
    throw error;
  }
  next ??= state.Default;
  if (next === undefined) {
    // A Choice state has no Catch, so this always ends the execution. The cause text is UNCONFIRMED.
    throw new TerminalFailure(
      StatesErrorName.NoChoiceMatched,
      stateFailureCause(visit.name, visit.enteredEventId, 'No Choice rule matched the input and the state has no Default.'),
    );
  }
  return exitState(scope, visit, 'Choice', applyOutputPath(visit, state.OutputPath, filteredInput), next);
}
