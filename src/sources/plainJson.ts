/**
 * A fast path for definition files written as JSON: `JSON.parse` is many times faster than the YAML parser on a
 * cold process, and a JSON text whose objects repeat no key reads as the same values through either. Anything
 * else (YAML, a syntax error, a repeated key, a byte-order mark) is left to the YAML parser, which reports it.
 */

/** Returned by {@link parsePlainJson} for text that the YAML parser has to read. */
export const NOT_PLAIN_JSON: unique symbol = Symbol('not plain JSON');

/**
 * The value of `text` when it is JSON without a repeated key in any object, else {@link NOT_PLAIN_JSON}.
 *
 * @example
 * parsePlainJson('{"StartAt": "A"}'); // { StartAt: 'A' }
 * parsePlainJson('{"a": 1, "a": 2}'); // NOT_PLAIN_JSON
 * parsePlainJson('StartAt: A'); // NOT_PLAIN_JSON
 */
export function parsePlainJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return NOT_PLAIN_JSON;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return NOT_PLAIN_JSON;
  }
  return repeatsAKey(text) ? NOT_PLAIN_JSON : value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Whether some object of `text` (valid JSON) names a key twice. */
function repeatsAKey(text: string): boolean {
  const keysOfOpen: (Set<string> | undefined)[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x7b) keysOfOpen.push(new Set());
    else if (code === 0x5b) keysOfOpen.push(undefined);
    else if (code === 0x7d || code === 0x5d) keysOfOpen.pop();
    else if (code === QUOTE) {
      let end = index + 1;
      let escaped = false;
      for (let at = text.charCodeAt(end); at !== QUOTE; at = text.charCodeAt(end)) {
        if (at === BACKSLASH) {
          escaped = true;
          end += 2;
        } else {
          end++;
        }
      }
      let next = end + 1;
      while (isJsonSpace(text.charCodeAt(next))) next++;
      const keys = keysOfOpen[keysOfOpen.length - 1];
      if (text.charCodeAt(next) === COLON && keys !== undefined) {
        const key = escaped ? (JSON.parse(text.slice(index, end + 1)) as string) : text.slice(index + 1, end);
        if (keys.has(key)) return true;
        keys.add(key);
      }
      index = end;
    }
  }
  return false;
}
