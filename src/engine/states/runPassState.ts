import type { PassState } from '../definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../ExecutionScope.js';
import type { JsonValue } from '../json.js';
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath, ensureWithinPayloadLimit } from '../stateIo.js';
import { exitState, type StateOutcome } from '../stateTransitions.js';

/** A Pass state's result is its `Result` when given, otherwise its effective input. */
export function runPassState(scope: ExecutionScope, visit: StateVisit, state: PassState, stateInput: JsonValue): StateOutcome {
  const filteredInput = applyInputPath(visit, state.InputPath, stateInput);
  const effectiveInput =
    state.Parameters === undefined
      ? filteredInput
      : applyPayloadTemplate(visit, state.Parameters, filteredInput, scope.contextObject(visit, 0), 'input');
  ensureWithinPayloadLimit(visit, effectiveInput);
  const result = state.Result === undefined ? effectiveInput : state.Result;
  const output = applyOutputPath(visit, state.OutputPath, applyResultPath(visit, state.ResultPath, stateInput, result));
  return exitState(scope, visit, 'Pass', output, state.Next);
}
