/** Finding one state's definition in a state machine, as TestState takes it. */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The definition of the state named `name` anywhere in `definition` (top level, Parallel branches, Map
 * `ItemProcessor`/`Iterator`), with the `QueryLanguage` it inherits written on it, since TestState sees the
 * state alone. State names are unique within a whole state machine, so the first match is the one.
 *
 * @example
 * ```ts
 * findStateDefinition({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, 'A');
 * // { Type: 'Pass', End: true, QueryLanguage: 'JSONata' }
 * ```
 */
export function findStateDefinition(definition: JsonObject, name: string, inherited = 'JSONPath'): JsonObject | undefined {
  const language = typeof definition['QueryLanguage'] === 'string' ? definition['QueryLanguage'] : inherited;
  const states = definition['States'];
  if (!isObject(states)) return undefined;
  const own = states[name];
  if (isObject(own)) return { ...own, QueryLanguage: typeof own['QueryLanguage'] === 'string' ? own['QueryLanguage'] : language };
  for (const state of Object.values(states)) {
    if (!isObject(state)) continue;
    const stateLanguage = typeof state['QueryLanguage'] === 'string' ? state['QueryLanguage'] : language;
    const nested = [...(Array.isArray(state['Branches']) ? state['Branches'] : []), state['ItemProcessor'], state['Iterator']].filter(
      isObject,
    );
    for (const machine of nested) {
      const found = findStateDefinition(machine, name, stateLanguage);
      if (found) return found;
    }
  }
  return undefined;
}

/** Matches a workflow variable reference (`$order`), not `$states`, `$.path`, `$$.Context` or a JSONata function call. */
const VARIABLE_REFERENCE = /(?<![$\w])\$(?!states\b)[A-Za-z_]\w*\b(?!\s*\()/;
/** Matches a Context object reference: `$$.` (JSONPath) or `$states.context` (JSONata). */
const CONTEXT_REFERENCE = /\$\$\.|\$states\.context\b/;

/**
 * Why a state's own fields keep TestState from replaying it as the local run saw it, or undefined:
 * it reads workflow variables or the Context object (the history records neither), or it is a
 * Distributed Map with an `ItemReader` (TestState would need the items read).
 *
 * @example
 * ```ts
 * whyNotReplayable({ Type: 'Task', Arguments: { id: '{% $orderId %}' } }); // 'the state reads workflow variables …'
 * ```
 */
export function whyNotReplayable(state: JsonObject): string | undefined {
  const { Retry: _retry, Catch: _catch, Next: _next, Comment: _comment, ...fields } = state;
  const text = JSON.stringify(fields);
  if (VARIABLE_REFERENCE.test(text)) return 'the state reads workflow variables, which the history does not record';
  if (CONTEXT_REFERENCE.test(text)) return 'the state reads the Context object, which the history does not record in full';
  if (state['ItemReader'] !== undefined) return 'a Distributed Map with an ItemReader: the items it read are not in the history';
  return undefined;
}
