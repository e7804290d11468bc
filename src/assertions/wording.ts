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

/** How {@link formatSeconds} writes a number of seconds. */
export interface SecondsFormat {
  /** `10 s` rather than `10s` (reports); the compact form is for one-line messages. */
  spaced?: boolean;
  /** From a minute up, minutes and hours: `12 min 5 s`, `25 h 16 min` (durations of whole executions). */
  long?: boolean;
  /** What stands for an infinite or unknown value; default `?` (`? s` when spaced). */
  unknown?: string;
}

/**
 * The one way sfn-chaos writes seconds: `10s`, `0.25s`, `1.235s` (see {@link roundToMilliseconds}); `?` when
 * unknown. With `spaced`, `10 s`; with `long`, minutes and hours past a minute.
 *
 * @example
 * ```ts
 * formatSeconds(0.1 + 0.2); // '0.3s'
 * formatSeconds(20, { spaced: true }); // '20 s'
 * formatSeconds(90_960, { long: true }); // '25 h 16 min'
 * formatSeconds(Infinity, { spaced: true, unknown: 'unbounded' }); // 'unbounded'
 * ```
 */
export function formatSeconds(seconds: number, format: SecondsFormat = {}): string {
  const unit = format.spaced === true || format.long === true ? ' s' : 's';
  if (!Number.isFinite(seconds)) return format.unknown ?? (unit === ' s' ? '? s' : '?');
  if (format.long !== true || seconds < 60) return `${roundToMilliseconds(seconds)}${unit}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - hours * 60} min`;
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
