import { createHash, randomUUID } from 'node:crypto';
import { createRandom } from '../../random.js';
import { isJsonObject, toJsonText, toJsonValue, type JsonValue } from './json.js';

/**
 * The intrinsic functions of JSONPath states, as AWS documents them ("Intrinsic functions for
 * JSONPath states"). Each takes already evaluated arguments and throws an {@link IntrinsicFunctionError}
 * when they do not fit; the caller turns that into `States.IntrinsicFailure`.
 */

export class IntrinsicFunctionError extends Error {
  constructor(functionName: string, problem: string) {
    super(`${functionName}: ${problem}`);
    this.name = 'IntrinsicFunctionError';
  }
}

/** What a function may need beyond its arguments. */
export interface IntrinsicEnvironment {
  /** The execution's random source, used by States.MathRandom without a seed. */
  random: () => number;
}

export type IntrinsicImplementation = (args: JsonValue[], environment: IntrinsicEnvironment, name: string) => JsonValue;

/** AWS caps the array that States.ArrayRange may produce. */
const maxArrayRangeItems = 1000;
/** AWS caps the input of States.Base64Encode / Base64Decode and States.Hash. */
const maxEncodedInputCharacters = 10_000;

export const hashAlgorithms = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

function describe(value: JsonValue): string {
  return toJsonText(value);
}

function expectCount(name: string, args: JsonValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new IntrinsicFunctionError(name, `expects ${expected} arguments, got ${args.length}`);
  }
}

function expectArray(name: string, value: JsonValue | undefined, position: string): JsonValue[] {
  if (!Array.isArray(value))
    throw new IntrinsicFunctionError(name, `the ${position} argument must be an array, got ${describe(value ?? null)}`);
  return value;
}

function expectString(name: string, value: JsonValue | undefined, position: string): string {
  if (typeof value !== 'string')
    throw new IntrinsicFunctionError(name, `the ${position} argument must be a string, got ${describe(value ?? null)}`);
  return value;
}

function expectInteger(name: string, value: JsonValue | undefined, position: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new IntrinsicFunctionError(name, `the ${position} argument must be an integer, got ${describe(value ?? null)}`);
  }
  return value;
}

/** JSON equality: same type, same members (object key order does not matter). */
export function jsonEquals(left: JsonValue, right: JsonValue): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEquals(item, right[index] as JsonValue))
    );
  }
  if (isJsonObject(left) || isJsonObject(right)) {
    if (!isJsonObject(left) || !isJsonObject(right)) return false;
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && jsonEquals(left[key] as JsonValue, right[key] as JsonValue))
    );
  }
  return left === right;
}

/**
 * States.Format: each `{}` in the template takes the next argument. `template` is the literal with
 * its escapes still in it (`\{` is a literal brace, not a placeholder); strings are inserted as they
 * are, other values as JSON text. Objects and arrays cannot be formatted.
 */
export function formatIntrinsic(template: string, args: JsonValue[], templateHasEscapes: boolean): string {
  const name = 'States.Format';
  let output = '';
  let used = 0;
  for (let index = 0; index < template.length; index++) {
    const char = template[index] as string;
    if (templateHasEscapes && char === '\\' && index + 1 < template.length) {
      output += template[++index];
      continue;
    }
    if (char === '{' && template[index + 1] === '}') {
      if (used >= args.length)
        throw new IntrinsicFunctionError(name, `the template has more {} placeholders than the ${args.length} arguments given`);
      const value = args[used++] as JsonValue;
      if (typeof value === 'object' && value !== null) {
        throw new IntrinsicFunctionError(name, `only strings, numbers, booleans and null can be formatted, got ${describe(value)}`);
      }
      output += typeof value === 'string' ? value : describe(value);
      index++;
      continue;
    }
    output += char;
  }
  if (used !== args.length)
    throw new IntrinsicFunctionError(name, `the template has ${used} {} placeholders but ${args.length} arguments were given`);
  return output;
}

export const intrinsicFunctions: Record<string, IntrinsicImplementation> = {
  'States.StringToJson': (args, _environment, name) => {
    expectCount(name, args, 1);
    const text = expectString(name, args[0], 'first');
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new IntrinsicFunctionError(name, `the argument is not valid JSON: ${text}`);
    }
  },

  'States.JsonToString': (args, _environment, name) => {
    expectCount(name, args, 1);
    return toJsonText(args[0] as JsonValue);
  },

  'States.Array': (args) => [...args],

  'States.ArrayPartition': (args, _environment, name) => {
    expectCount(name, args, 2);
    const array = expectArray(name, args[0], 'first');
    const size = expectInteger(name, args[1], 'second');
    if (size <= 0) throw new IntrinsicFunctionError(name, `the chunk size must be a positive integer, got ${size}`);
    const chunks: JsonValue[] = [];
    for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
    return chunks;
  },

  'States.ArrayContains': (args, _environment, name) => {
    expectCount(name, args, 2);
    const array = expectArray(name, args[0], 'first');
    return array.some((item) => jsonEquals(item, args[1] as JsonValue));
  },

  'States.ArrayRange': (args, _environment, name) => {
    expectCount(name, args, 3);
    const start = expectInteger(name, args[0], 'first');
    const end = expectInteger(name, args[1], 'second');
    const step = expectInteger(name, args[2], 'third');
    if (step === 0) throw new IntrinsicFunctionError(name, 'the step must not be 0');
    const items: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
      items.push(value);
      if (items.length > maxArrayRangeItems) throw new IntrinsicFunctionError(name, `the range has more than ${maxArrayRangeItems} items`);
    }
    return items;
  },

  'States.ArrayGetItem': (args, _environment, name) => {
    expectCount(name, args, 2);
    const array = expectArray(name, args[0], 'first');
    const index = expectInteger(name, args[1], 'second');
    if (index < 0 || index >= array.length)
      throw new IntrinsicFunctionError(name, `the index ${index} is outside the array of length ${array.length}`);
    return array[index] as JsonValue;
  },

  'States.ArrayLength': (args, _environment, name) => {
    expectCount(name, args, 1);
    return expectArray(name, args[0], 'first').length;
  },

  'States.ArrayUnique': (args, _environment, name) => {
    expectCount(name, args, 1);
    const unique: JsonValue[] = [];
    for (const item of expectArray(name, args[0], 'first')) {
      if (!unique.some((kept) => jsonEquals(kept, item))) unique.push(item);
    }
    return unique;
  },

  'States.Base64Encode': (args, _environment, name) => {
    expectCount(name, args, 1);
    const text = expectString(name, args[0], 'first');
    if (text.length > maxEncodedInputCharacters)
      throw new IntrinsicFunctionError(name, `the input is longer than ${maxEncodedInputCharacters} characters`);
    return Buffer.from(text, 'utf8').toString('base64');
  },

  'States.Base64Decode': (args, _environment, name) => {
    expectCount(name, args, 1);
    const text = expectString(name, args[0], 'first');
    if (text.length > maxEncodedInputCharacters)
      throw new IntrinsicFunctionError(name, `the input is longer than ${maxEncodedInputCharacters} characters`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
      throw new IntrinsicFunctionError(name, `the input is not Base64: ${text}`);
    return Buffer.from(text, 'base64').toString('utf8');
  },

  'States.Hash': (args, _environment, name) => {
    expectCount(name, args, 2);
    const data = args[0] as JsonValue;
    // AWS documents string input; hashing the JSON text of other values is UNCONFIRMED.
    const text = typeof data === 'string' ? data : toJsonText(data);
    if (text.length > maxEncodedInputCharacters)
      throw new IntrinsicFunctionError(name, `the input is longer than ${maxEncodedInputCharacters} characters`);
    const algorithm = expectString(name, args[1], 'second');
    const nodeAlgorithm = (hashAlgorithms as Record<string, string>)[algorithm];
    if (nodeAlgorithm === undefined) {
      throw new IntrinsicFunctionError(name, `the algorithm must be one of ${Object.keys(hashAlgorithms).join(', ')}, got ${algorithm}`);
    }
    return createHash(nodeAlgorithm).update(text, 'utf8').digest('hex');
  },

  'States.JsonMerge': (args, _environment, name) => {
    expectCount(name, args, 3);
    const [left, right, deep] = args;
    if (!isJsonObject(left ?? null) || !isJsonObject(right ?? null))
      throw new IntrinsicFunctionError(name, 'the first two arguments must be JSON objects');
    // AWS supports only the shallow merge: the third argument must be false.
    if (deep !== false) throw new IntrinsicFunctionError(name, 'only a shallow merge is supported: the third argument must be false');
    return { ...(left as object), ...(right as object) } as JsonValue;
  },

  'States.MathRandom': (args, environment, name) => {
    expectCount(name, args, 2, 3);
    const start = expectInteger(name, args[0], 'first');
    const end = expectInteger(name, args[1], 'second');
    if (end <= start) throw new IntrinsicFunctionError(name, `the end (${end}) must be greater than the start (${start})`);
    const random = args.length === 3 ? createRandom(expectInteger(name, args[2], 'third')) : environment.random;
    // Start inclusive, end exclusive, as AWS documents.
    return start + Math.floor(random() * (end - start));
  },

  'States.MathAdd': (args, _environment, name) => {
    expectCount(name, args, 2);
    const [left, right] = args;
    if (typeof left !== 'number' || typeof right !== 'number') {
      throw new IntrinsicFunctionError(
        name,
        `both arguments must be numbers, got ${describe(left ?? null)} and ${describe(right ?? null)}`,
      );
    }
    // AWS adds integers: a non-integer argument loses its fraction first (recorded: MathAdd(59, 4.3) is 63).
    // Truncation toward zero for negative fractions (-4.3 → -4, as Java's intValue) is UNCONFIRMED.
    return Math.trunc(left) + Math.trunc(right);
  },

  'States.StringSplit': (args, _environment, name) => {
    expectCount(name, args, 2);
    const text = expectString(name, args[0], 'first');
    const delimiters = expectString(name, args[1], 'second');
    if (delimiters === '') return [text];
    // Every character of the second argument is a delimiter (AWS's example splits on ".+,="); empty
    // pieces are dropped, which AWS's examples imply but do not state (UNCONFIRMED).
    const pieces: string[] = [];
    let current = '';
    for (const char of text) {
      if (delimiters.includes(char)) {
        pieces.push(current);
        current = '';
      } else {
        current += char;
      }
    }
    pieces.push(current);
    return pieces.filter((piece) => piece !== '');
  },

  'States.UUID': (args, _environment, name) => {
    expectCount(name, args, 0);
    return randomUUID();
  },
};

/** Makes sure a function result is plain JSON (numbers such as NaN cannot travel). */
export function asJsonResult(name: string, value: JsonValue): JsonValue {
  const json = toJsonValue(value);
  if (json === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new IntrinsicFunctionError(name, 'the result is not representable as JSON');
  }
  return json;
}
