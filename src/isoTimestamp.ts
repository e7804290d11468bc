/**
 * `new Date(ms).toISOString()`, about twice as fast, and remembered for the last instant asked for:
 * the fault ledger stamps every injected fault and the engine's history every event, and under a
 * virtual clock many share an instant. Years outside 1000–9999 (and invalid times) go through `toISOString` itself, so the text is
 * always exactly what `toISOString` gives (`RangeError` included).
 *
 * @example
 * ```ts
 * isoTimestamp(Date.UTC(2024, 0, 1)); // "2024-01-01T00:00:00.000Z"
 * ```
 */
export function isoTimestamp(ms: number): string {
  if (ms === lastMs) return lastText;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const text =
    year >= 1000 && year <= 9999
      ? `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${three(date.getUTCMilliseconds())}Z`
      : date.toISOString();
  lastMs = ms;
  lastText = text;
  return text;
}

let lastMs = Number.NaN;
let lastText = '';

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function three(value: number): string {
  return value < 10 ? `00${value}` : value < 100 ? `0${value}` : String(value);
}
