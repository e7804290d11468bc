/**
 * A shallow copy of `source` with `fields` set on it: what `{ ...source, ...fields }` gives (the same
 * keys, in the same order, and the same values), made so that copies of objects of one shape share one
 * hidden class.
 *
 * On V8 (Node 20), a spread copy that gains a key its source does not have (`{ ...state, QueryLanguage }`)
 * gets a hidden class of its own, every time. Code that reads such copies then misses its inline caches
 * on every read: about 100 ns a read instead of 1–2 ns, which made state definitions (copied
 * once per definition, read on every state visit) the largest single cost of a chain of Pass states.
 * `Object.assign` onto a fresh object follows the shared transitions instead.
 *
 * A source with an own `__proto__` key (JSON text can make one) is copied with a spread, which keeps
 * that key as data; `Object.assign` would set the copy's prototype instead.
 *
 * @example
 * ```ts
 * const labelled = withFields(state, { QueryLanguage: 'JSONPath' });
 * // { Type: 'Pass', End: true, QueryLanguage: 'JSONPath' }, shaped like every other labelled Pass state
 * ```
 */
export function withFields<T extends object, F extends object>(source: T, fields: F): Omit<T, keyof F> & F {
  if (Object.hasOwn(source, '__proto__') || Object.hasOwn(fields, '__proto__')) return { ...source, ...fields };
  return Object.assign({}, source, fields);
}
