/** Small text helpers shared by the expectation messages and the timeline. */

/** `10s`, `0.25s`, `1.235s` (milliseconds are the precision of history timestamps); `?` when unknown. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  return `${Number(seconds.toFixed(3))}s`;
}

/** `states["Download Exoplanets"]`: the expectation path of a state. */
export function statePath(name: string): string {
  return `states[${JSON.stringify(name)}]`;
}

/** Renders a value from a history or an expectation for a one-line message. */
export function formatValue(value: unknown, maxLength = 120): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** `1 attempt`, `3 attempts`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
