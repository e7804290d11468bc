import type { PassState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import type { JsonValue } from '../../data/json.js';
import { ensureWithinPayloadLimit } from '../../visit/stateIo.js';
import { stateQueryOf } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

/**
 * A JSONPath Pass state's result is its `Result` when given, otherwise its effective input; a
 * JSONata Pass state's output is its `Output`, otherwise its input.
 */
export async function runPassState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: PassState,
  stateInput: JsonValue,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  let result = filteredInput;
  if (!query.isJsonata) {
    const effectiveInput = await query.effectiveInput(stateInput, filteredInput);
    ensureWithinPayloadLimit(visit, effectiveInput);
    result = state.Result === undefined ? effectiveInput : state.Result;
  }
  const exit = await query.exit(stateInput, result);
  return exitState(scope, visit, 'Pass', exit.output, state.Next, query.commit(exit));
}
