import type { PassState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { jsonTextOf, type JsonValue } from '../../data/json.js';
import type { StateExit } from '../../visit/stateQuery.js';
import { ensureTextWithinPayloadLimit, ensureWithinPayloadLimit } from '../../visit/stateIo.js';
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

/**
 * {@link runPassState} for a JSONPath Pass state, without a promise or a microtask turn: for a chain
 * that no other chain of the same history runs beside (the root execution's own states), where
 * turns cannot change the order of events. Same events, same outcome; a failure is thrown.
 *
 * @example
 * const outcome = runPassStateAtOnce(scope, visit, { Type: 'Pass', Result: 1, Next: 'B' }, {});
 * // { kind: 'next', next: 'B', output: 1, outputText: '1' }
 */
export function runPassStateAtOnce(
  scope: ExecutionScope,
  visit: StateVisit,
  state: PassState,
  stateInput: JsonValue,
  stateInputText?: string,
): StateOutcome {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  // JSONPath fields evaluate synchronously: neither is ever a promise here.
  const effectiveInput = query.effectiveInput(stateInput, filteredInput) as JsonValue;
  // The input's text (its …StateEntered event's) is reused wherever the input passes unchanged:
  // most Pass states have no path or template field, and a caught error's Cause can be long.
  const knownInput = stateInputText === undefined ? undefined : { value: stateInput, text: stateInputText };
  ensureTextWithinPayloadLimit(visit, jsonTextOf(effectiveInput, knownInput));
  const result = state.Result === undefined ? effectiveInput : state.Result;
  const exit = query.exit(stateInput, result) as StateExit;
  return exitState(scope, visit, 'Pass', exit.output, state.Next, query.commit(exit), knownInput);
}
