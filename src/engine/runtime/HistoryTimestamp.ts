import { isoTimestamp } from '../../isoTimestamp.js';

/**
 * The `timestamp` of a history event: a `Date` (what the SDK's `HistoryEvent` holds) whose JSON text
 * is written by {@link isoTimestamp} instead of `Date#toISOString`. Serialising a history to JSON
 * used to spend two thirds of its time formatting timestamps; under a virtual clock most events of
 * a run share a few instants, which `isoTimestamp` remembers. The text is exactly `toISOString`'s,
 * and it is computed from the date's current time, so a date changed with `setTime` still prints
 * right.
 *
 * @example
 * JSON.stringify({ timestamp: new HistoryTimestamp(Date.UTC(2024, 0, 1)) });
 * // '{"timestamp":"2024-01-01T00:00:00.000Z"}'
 */
export class HistoryTimestamp extends Date {
  /** As `Date#toJSON`: `null` for an invalid date (which `toISOString` refuses). */
  override toJSON(): string {
    const ms = this.getTime();
    // Date#toJSON answers null for an invalid date; the declared type is the DOM lib's.
    return Number.isFinite(ms) ? isoTimestamp(ms) : (null as unknown as string);
  }

  override toISOString(): string {
    return isoTimestamp(this.getTime());
  }
}
