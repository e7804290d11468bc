/** Small text helpers shared by the expectation messages and the timeline. */

/**
 * Seconds rounded to whole milliseconds, the precision of history timestamps: `0.30000000000000004`
 * becomes `0.3`. Every seconds figure a report shows goes through it.
 *
 * @example
 * ```ts
 * roundToMilliseconds(0.1 + 0.2); // 0.3
 * roundToMilliseconds(1.23456); // 1.235
 * ```
 */
export function roundToMilliseconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * `10s`, `0.25s`, `1.235s` (see {@link roundToMilliseconds}); `?` when unknown. With `spaced`, `10 s` and `? s`.
 *
 * @example
 * ```ts
 * formatSeconds(0.1 + 0.2); // '0.3s'
 * formatSeconds(20, { spaced: true }); // '20 s'
 * ```
 */
export function formatSeconds(seconds: number, options: { spaced?: boolean } = {}): string {
  const unit = options.spaced === true ? ' s' : 's';
  if (!Number.isFinite(seconds)) return options.spaced === true ? '? s' : '?';
  return `${roundToMilliseconds(seconds)}${unit}`;
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
