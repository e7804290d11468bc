import type { ChoiceRule, ChoiceState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { choiceRuleHolds } from '../../asl/choiceRules.js';
import { StatesErrorName } from '../../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../../asl/failures.js';
import { QueryEvaluationFailure } from '../../data/jsonataExpressions.js';
import type { JsonValue } from '../../data/json.js';
import { stateQueryOf, type StateExit, type StateQuery } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

/**
 * The first rule that holds picks the next state; otherwise Default; otherwise the execution fails.
 * JSONPath rules compare paths (which may name variables); JSONata rules evaluate `Condition`.
 * A matching rule's own `Assign` (and, in JSONata, `Output`) is used instead of the state's; the
 * state's apply when Default is taken. That split follows AWS's field layout; UNCONFIRMED in detail.
 */
export async function runChoiceState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: ChoiceState,
  stateInput: JsonValue,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  let matched: { rule: ChoiceRule; index: number } | undefined;
  for (const [index, rule] of state.Choices.entries()) {
    if (await ruleHolds(query, scope, visit, rule, index, stateInput, filteredInput)) {
      matched = { rule, index };
      break;
    }
  }
  const { next, overrides } = chosenWay(visit, state, matched);
  const exit = await query.exit(stateInput, filteredInput, {}, overrides);
  return exitState(scope, visit, 'Choice', exit.output, next, query.commit(exit));
}

/**
 * {@link runChoiceState} for a JSONPath Choice state, without a promise or a microtask turn (see
 * `runPassStateAtOnce`): its rules and output fields are plain synchronous code.
 */
export function runChoiceStateAtOnce(
  scope: ExecutionScope,
  visit: StateVisit,
  state: ChoiceState,
  stateInput: JsonValue,
  stateInputText?: string,
): StateOutcome {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  let matched: { rule: ChoiceRule; index: number } | undefined;
  for (const [index, rule] of state.Choices.entries()) {
    if (jsonPathRuleHolds(query, scope, visit, rule, filteredInput)) {
      matched = { rule, index };
      break;
    }
  }
  const { next, overrides } = chosenWay(visit, state, matched);
  const exit = query.exit(stateInput, filteredInput, {}, overrides) as StateExit;
  // Without InputPath and OutputPath the output is the input, whose text is known.
  const knownInput = stateInputText === undefined ? undefined : { value: stateInput, text: stateInputText };
  return exitState(scope, visit, 'Choice', exit.output, next, query.commit(exit), knownInput);
}

/** Where the matched rule (or Default) leads, and the rule's own Assign and Output. */
function chosenWay(
  visit: StateVisit,
  state: ChoiceState,
  matched: { rule: ChoiceRule; index: number } | undefined,
): { next: string; overrides: Parameters<StateQuery['exit']>[3] } {
  const next = matched === undefined ? state.Default : (matched.rule['Next'] as string);
  if (next === undefined) {
    // A Choice state has no Catch, so this always ends the execution. The cause text is UNCONFIRMED.
    throw new TerminalFailure(
      StatesErrorName.NoChoiceMatched,
      stateFailureCause(visit.name, visit.enteredEventId, 'No Choice rule matched the input and the state has no Default.'),
    );
  }
  const overrides: Parameters<StateQuery['exit']>[3] = {};
  if (matched !== undefined) {
    overrides.fieldPrefix = `Choices[${matched.index}]/`;
    if (matched.rule['Assign'] !== undefined) overrides.assign = matched.rule['Assign'];
    if (matched.rule['Output'] !== undefined) overrides.output = matched.rule['Output'];
  }
  return { next, overrides };
}

async function ruleHolds(
  query: StateQuery,
  scope: ExecutionScope,
  visit: StateVisit,
  rule: ChoiceRule,
  index: number,
  stateInput: JsonValue,
  filteredInput: JsonValue,
): Promise<boolean> {
  if (query.isJsonata) {
    const field = `Choices[${index}]/Condition`;
    const condition = await query.valueAt(rule['Condition'] as JsonValue, field, stateInput);
    if (typeof condition !== 'boolean') {
      // Wording UNCONFIRMED; AWS requires a Condition to evaluate to a boolean.
      throw query.toFailure(
        new QueryEvaluationFailure(
          `The JSONata expression specified for the field '${field}' must evaluate to a boolean, got ${JSON.stringify(condition)}.`,
          field,
        ),
      );
    }
    return condition;
  }
  return jsonPathRuleHolds(query, scope, visit, rule, filteredInput);
}

function jsonPathRuleHolds(
  query: StateQuery,
  scope: ExecutionScope,
  visit: StateVisit,
  rule: ChoiceRule,
  filteredInput: JsonValue,
): boolean {
  try {
    return choiceRuleHolds(rule, filteredInput, () => scope.contextObject(visit), query.variables);
  } catch (error) {
    throw query.toFailure(error);
  }
}
