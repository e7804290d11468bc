import { isDeepStrictEqual } from 'node:util';

/** Where a value first fails to include an expected part: the path inside the value, and both sides there. */
export interface PartialMismatch {
  /** `.error.Error`, `[2].id`; empty for the value itself. */
  path: string;
  expected: unknown;
  /** `undefined` when the key or item is missing. */
  actual: unknown;
}

/**
 * Checks that `actual` includes `expected` (`outputIncludes:` in a scenario): a mapping matches when each key
 * it lists is present and matches, whatever other keys the value has; a list matches a list of the same
 * length whose items match in order (item by item, each itself a partial match); anything else must be
 * equal (`1` and `"1"` differ). Returns the first mismatch in key order, or `undefined` when it matches.
 *
 * @example
 * ```ts
 * findPartialMismatch({ error: { Error: 'HTTPError', Cause: '…' }, id: 7 }, { error: { Error: 'HTTPError' } }); // undefined
 * findPartialMismatch({ error: { Error: 'States.Timeout' } }, { error: { Error: 'HTTPError' } });
 * // { path: '.error.Error', expected: 'HTTPError', actual: 'States.Timeout' }
 * ```
 */
export function findPartialMismatch(actual: unknown, expected: unknown, path = ''): PartialMismatch | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected, actual };
    for (const [index, item] of expected.entries()) {
      const mismatch = findPartialMismatch(actual[index], item, `${path}[${index}]`);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (isMapping(expected)) {
    if (!isMapping(actual)) return { path, expected, actual };
    for (const [key, value] of Object.entries(expected)) {
      const keyPath = `${path}${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      if (!Object.hasOwn(actual, key)) return { path: keyPath, expected: value, actual: undefined };
      const mismatch = findPartialMismatch(actual[key], value, keyPath);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  return isDeepStrictEqual(actual, expected) ? undefined : { path, expected, actual };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
