import { withFields } from '../../withFields.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../data/json.js';

/** The two query languages of ASL: a state's `QueryLanguage`, or the definition's at the top level. */
export const QueryLanguage = { JSONPath: 'JSONPath', JSONata: 'JSONata' } as const;
export type QueryLanguage = (typeof QueryLanguage)[keyof typeof QueryLanguage];

/** Any state definition: the query layer (StateQuery) reads its fields by name. */
export interface QueryableState {
  Type: string;
  QueryLanguage?: QueryLanguage | undefined;
}

/**
 * A state's query language: its own `QueryLanguage`, else the one the definition sets at the top
 * level (copied onto each state by {@link withStateQueryLanguages}), else JSONPath.
 */
export function queryLanguageOf(state: { QueryLanguage?: unknown }): QueryLanguage {
  return state.QueryLanguage === QueryLanguage.JSONata ? QueryLanguage.JSONata : QueryLanguage.JSONPath;
}

/**
 * A copy of a definition in which every state (including those of Parallel branches and Map
 * processors) names its query language, so that runners need only look at the state.
 *
 * @example
 * withStateQueryLanguages({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
 * // { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true, QueryLanguage: 'JSONata' } } }
 */
export function withStateQueryLanguages<T>(definition: T): T {
  if (!isJsonObject(definition)) return definition;
  const language = definition['QueryLanguage'] === QueryLanguage.JSONata ? QueryLanguage.JSONata : QueryLanguage.JSONPath;
  const labelMachine = (machine: JsonValue | undefined): JsonValue | undefined => {
    if (!isJsonObject(machine) || !isJsonObject(machine['States'])) return machine;
    const states: JsonObject = {};
    for (const [name, state] of Object.entries(machine['States'])) {
      if (!isJsonObject(state)) {
        states[name] = state;
        continue;
      }
      // Not a spread: see withFields (a spread copy gaining a key has a hidden class of its own, and
      // runners read a state's fields on every visit).
      const labelled: JsonObject = withFields(state, { QueryLanguage: state['QueryLanguage'] ?? language });
      if (Array.isArray(state['Branches'])) labelled['Branches'] = state['Branches'].map((branch) => labelMachine(branch) as JsonValue);
      for (const field of ['ItemProcessor', 'Iterator']) {
        if (state[field] !== undefined) labelled[field] = labelMachine(state[field]) as JsonValue;
      }
      states[name] = labelled;
    }
    return { ...machine, States: states };
  };
  return labelMachine(definition as JsonValue) as T;
}
