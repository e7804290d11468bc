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
/** Matches a read of the task token, which the history does not hold where the state used it. */
const TASK_TOKEN_REFERENCE = /\$\$\.Task\.Token|\$states\.context\.Task\.Token/;

/** The fields of a state TestState evaluates (not its Retry, Catch, Next or Comment). */
function evaluatedFieldsText(state: JsonObject): string {
  const { Retry: _retry, Catch: _catch, Next: _next, Comment: _comment, ...fields } = state;
  return JSON.stringify(fields);
}

/**
 * What a state's own fields read beyond its input: workflow variables, the Context object, or both. The
 * verify plan then gives TestState the variables in scope and the Context object, rebuilt from the history.
 *
 * @example
 * ```ts
 * readsOfState({ Type: 'Task', Arguments: { id: '{% $orderId %}' } }); // { variables: true, context: false }
 * ```
 */
export function readsOfState(state: JsonObject): { variables: boolean; context: boolean } {
  const text = evaluatedFieldsText(state);
  return { variables: VARIABLE_REFERENCE.test(text), context: CONTEXT_REFERENCE.test(text) };
}

/** The fields that shape a state's output and variables from its result. */
const RESULT_FIELDS = ['ResultSelector', 'ResultPath', 'OutputPath', 'Output', 'Assign'];

/**
 * Why a state's own fields keep TestState from replaying it as the local run saw it, or undefined: its
 * output depends on the task token (the history does not hold the token the run issued), or it is a
 * Distributed Map with an `ItemReader` (the items it read are not in the history). A token read in the
 * request alone (`Parameters`/`Arguments`) does not stop it: the request is not compared.
 *
 * @example
 * ```ts
 * whyNotReplayable({ Type: 'Task', ResultSelector: { 'token.$': '$$.Task.Token' } }); // 'the state's output holds the task token …'
 * ```
 */
export function whyNotReplayable(state: JsonObject): string | undefined {
  const resultFields = JSON.stringify(RESULT_FIELDS.map((field) => state[field]));
  if (TASK_TOKEN_REFERENCE.test(resultFields)) return "the state's output holds the task token, which the history does not record";
  if (state['ItemReader'] !== undefined) return 'a Distributed Map with an ItemReader: the items it read are not in the history';
  return undefined;
}
