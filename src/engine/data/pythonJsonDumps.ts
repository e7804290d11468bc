import { isJsonObject, type JsonValue } from './json.js';

/**
 * Serialises like Python's `json.dumps` with default settings: `", "` and `": "` separators and
 * non-ASCII characters escaped as `\uXXXX`. The Python Lambda runtime writes error payloads this way,
 * and the legacy Lambda integration passes that text through as the error cause.
 */
export function pythonJsonDumps(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${asciiOnly(JSON.stringify(key))}: ${pythonJsonDumps(item)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return asciiOnly(JSON.stringify(value));
  return JSON.stringify(value);
}

function asciiOnly(jsonText: string): string {
  return jsonText.replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
