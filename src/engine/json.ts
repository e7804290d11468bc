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

/** Deep copy, so that neither handlers nor later states can mutate data already written to the history. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}
