import { PathFailure } from './pathFailure.js';
import { evaluateIntrinsic } from './intrinsics.js';
import { isIntrinsicFunctionCall } from './intrinsicsParser.js';
import { isJsonObject, toJsonText, type JsonValue } from './json.js';
import { lookUpDataOrContextPath, variableNameOf } from './jsonPath.js';
import { noVariables, type VariableReader } from './variables.js';

export { isIntrinsicFunctionCall };

/** What the `.$` values of a payload template can read besides the data. */
export interface TemplateSources {
  contextObject: JsonValue;
  variables?: VariableReader;
  /** The execution's random source (States.MathRandom). */
  random?: () => number;
}

/**
 * Builds the value of `Parameters`, `ResultSelector`, a JSONPath `Assign` or `Credentials`: keys
 * ending in `.$` take the value their path selects from `data` (or from the context object for `$$`
 * paths, or from a variable for `$name` paths), or the result of an intrinsic function, and lose the
 * suffix; everything else is copied, recursing into nested objects and arrays.
 *
 * @example
 * resolvePayloadTemplate({ 'id.$': '$.orderId', 'greeting.$': "States.Format('Hi {}', $customer)" }, { orderId: 7 }, {
 *   contextObject: {},
 *   variables: (name) => (name === 'customer' ? { found: true, value: 'Ada' } : { found: false }),
 * });
 * // { id: 7, greeting: 'Hi Ada' }
 */
export function resolvePayloadTemplate(template: JsonValue, data: JsonValue, sources: TemplateSources): JsonValue {
  return resolveTemplate(template, data, sources);
}

function resolveTemplate(template: JsonValue, data: JsonValue, sources: TemplateSources): JsonValue {
  if (Array.isArray(template)) return template.map((item) => resolveTemplate(item, data, sources));
  if (!isJsonObject(template)) return template;
  const resolved: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) {
      resolved[key] = resolveTemplate(value, data, sources);
      continue;
    }
    const field = key.slice(0, -2);
    if (typeof value !== 'string') {
      throw new PathFailure(`The value of the field '${key}' must be a JSONPath string`);
    }
    resolved[field] = resolveDynamicValue(key, value, data, sources);
  }
  return resolved;
}

/** The value of one `.$` field: a path into the data, the context object or a variable, or an intrinsic call. */
export function resolveDynamicValue(key: string, expression: string, data: JsonValue, sources: TemplateSources): JsonValue {
  const variables = sources.variables ?? noVariables;
  if (isIntrinsicFunctionCall(expression)) {
    return evaluateIntrinsic(expression, { data, contextObject: sources.contextObject, variables, random: sources.random ?? Math.random });
  }
  const lookup = lookUpDataOrContextPath(expression, data, sources.contextObject, variables);
  if (lookup.found) return lookup.value;
  if (variableNameOf(expression) !== undefined) throw new PathFailure(lookup.detail);
  const searched = expression.startsWith('$$') ? sources.contextObject : data;
  throw new PathFailure(
    `The JSONPath '${expression}' specified for the field '${key}' could not be found in the input '${toJsonText(searched)}'`,
  );
}
