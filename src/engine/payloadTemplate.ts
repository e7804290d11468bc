import { TargetError } from '../errors.js';
import { PathFailure } from './failures.js';
import { isJsonObject, toJsonText, type JsonValue } from './json.js';
import { lookUpDataOrContextPath } from './jsonPath.js';

/** Intrinsic functions (`States.Format(...)`) are written where a path would be. */
export function isIntrinsicFunctionCall(expression: string): boolean {
  return expression.startsWith('States.');
}

/**
 * Builds the value of `Parameters` or `ResultSelector`: keys ending in `.$` take the value their path
 * selects from `data` (or from the context object for `$$` paths) and lose the suffix; everything else
 * is copied, recursing into nested objects and arrays.
 */
export function resolvePayloadTemplate(template: JsonValue, data: JsonValue, contextObject: JsonValue): JsonValue {
  if (Array.isArray(template)) return template.map((item) => resolvePayloadTemplate(item, data, contextObject));
  if (!isJsonObject(template)) return template;
  const resolved: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) {
      resolved[key] = resolvePayloadTemplate(value, data, contextObject);
      continue;
    }
    const field = key.slice(0, -2);
    if (typeof value !== 'string') {
      throw new PathFailure(`The value of the field '${key}' must be a JSONPath string`);
    }
    if (isIntrinsicFunctionCall(value)) {
      // findDefinitionIssues reports these before a run; reaching here means the caller skipped it.
      throw new TargetError(`Intrinsic functions such as ${value} are not supported by the local engine yet (field '${key}')`);
    }
    const lookup = lookUpDataOrContextPath(value, data, contextObject);
    if (!lookup.found) {
      const searched = value.startsWith('$$') ? contextObject : data;
      throw new PathFailure(
        `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${toJsonText(searched)}'`,
      );
    }
    resolved[field] = lookup.value;
  }
  return resolved;
}
