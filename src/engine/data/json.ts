/** A value that survives a JSON round trip: the only kind of data a state machine carries. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Step Functions stores every payload as compact JSON text; history fields carry that text. */
export function toJsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

/** Size as Step Functions measures it for its payload quota: UTF-8 bytes of the JSON text. */
export function jsonByteLength(value: JsonValue): number {
  return Buffer.byteLength(toJsonText(value), 'utf8');
}

/**
 * Converts whatever a handler returned (or a caller passed) to plain JSON, the way a JSON
 * serialiser on the wire would: `undefined` becomes `null`, Dates become strings, functions vanish.
 * Returns `undefined` when the value cannot be serialised at all (cycles, BigInt).
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (text === undefined) return null;
  return JSON.parse(text) as JsonValue;
}

/**
 * A value together with its compact JSON text, for the places where both are needed: the text goes
 * into the history and the size check, the value to the next state. Serialising once instead of at
 * each of those places is most of what keeps large payloads (a Map's result array) cheap.
 */
export interface JsonWithText {
  value: JsonValue;
  text: string;
}

/**
 * {@link toJsonValue} that also returns the JSON text it went through, so the caller need not
 * serialise the value again. `undefined` when the value cannot be serialised at all.
 */
export function toJsonValueWithText(value: unknown): JsonWithText | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined;
  }
  if (text === undefined) return { value: null, text: 'null' };
  return { value: JSON.parse(text) as JsonValue, text };
}

/**
 * The JSON text of `value`, reusing `known` when it describes that very value (same reference): a
 * value the engine made from JSON text is never mutated afterwards, so its text still holds.
 */
export function jsonTextOf(value: JsonValue, known?: JsonWithText): string {
  return known !== undefined && known.value === value ? known.text : JSON.stringify(value);
}

/** Deep copy, so that neither handlers nor later states can mutate data already written to the history. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}
