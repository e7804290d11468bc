import type { FailState, SucceedState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { StatesErrorName } from '../../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../../asl/failures.js';
import { PathFailure } from '../../data/pathFailure.js';
import { QueryEvaluationFailure } from '../../data/jsonataExpressions.js';
import { toJsonText, type JsonValue } from '../../data/json.js';
import { evaluateIntrinsic } from '../../data/intrinsics.js';
import { isIntrinsicFunctionCall } from '../../data/intrinsicsParser.js';
import { isContextPath, lookUpDataOrContextPath, variableNameOf } from '../../data/jsonPath.js';
import { stateQueryOf, type StateExit, type StateQuery } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

export async function runSucceedState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: SucceedState,
  stateInput: JsonValue,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const exit = await query.exit(stateInput, query.input(stateInput));
  return exitState(scope, visit, 'Succeed', exit.output, undefined, query.commit(exit));
}

/** {@link runSucceedState} for a JSONPath Succeed state, without a microtask turn (see `runPassStateAtOnce`). */
export function runSucceedStateAtOnce(
  scope: ExecutionScope,
  visit: StateVisit,
  state: SucceedState,
  stateInput: JsonValue,
  stateInputText?: string,
): StateOutcome {
  const query = stateQueryOf(scope, visit, state);
  // JSONPath: synchronous, never a promise.
  const exit = query.exit(stateInput, query.input(stateInput)) as StateExit;
  const knownInput = stateInputText === undefined ? undefined : { value: stateInput, text: stateInputText };
  return exitState(scope, visit, 'Succeed', exit.output, undefined, query.commit(exit), knownInput);
}

/**
 * A Fail state ends the execution with its Error and Cause: literals, the strings ErrorPath / CausePath
 * select (a path, a variable or an intrinsic function), or in JSONata states the values of `{% %}` expressions.
 */
export async function runFailState(visit: StateVisit, state: FailState, stateInput: JsonValue, scope: ExecutionScope): Promise<never> {
  const query = stateQueryOf(scope, visit, state);
  if (query.isJsonata) {
    const error = await jsonataString(query, 'Error', stateInput);
    const cause = await jsonataString(query, 'Cause', stateInput);
    throw new TerminalFailure(error, cause);
  }
  const select = (path: string, field: string): string => {
    let value: JsonValue;
    try {
      const sources = { data: stateInput, contextObject: scope.contextObject(visit), variables: query.variables, random: scope.random };
      if (isIntrinsicFunctionCall(path)) {
        value = evaluateIntrinsic(path, sources);
      } else {
        const lookup = lookUpDataOrContextPath(path, stateInput, sources.contextObject, sources.variables);
        if (!lookup.found && variableNameOf(path) !== undefined) throw new PathFailure(lookup.detail);
        // AWS's wording (recorded), as for a `.$` parameter.
        if (!lookup.found) {
          const searched = isContextPath(path) ? sources.contextObject : stateInput;
          throw new PathFailure(
            `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(searched)}'`,
          );
        }
        value = lookup.value;
      }
    } catch (error) {
      throw query.toFailure(error);
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

async function jsonataString(query: StateQuery, field: 'Error' | 'Cause', stateInput: JsonValue): Promise<string | undefined> {
  const value = await query.field(field, stateInput);
  if (value !== undefined && typeof value !== 'string') {
    // Wording UNCONFIRMED; AWS requires Error and Cause to be strings.
    throw query.toFailure(
      new QueryEvaluationFailure(`The field '${field}' must evaluate to a string, got ${JSON.stringify(value)}.`, field),
    );
  }
  return value;
}
