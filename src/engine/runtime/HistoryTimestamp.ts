import { isoTimestamp } from '../../isoTimestamp.js';

/**
 * The `timestamp` of a history event: a `Date` (what the SDK's `HistoryEvent` holds) whose JSON text
 * is written by {@link isoTimestamp} instead of `Date#toISOString`, and which cannot be changed.
 *
 * - Serialising a history to JSON used to spend two thirds of its time formatting timestamps; under
 *   a virtual clock most events of a run share a few instants, which `isoTimestamp` remembers. The
 *   text is exactly `toISOString`'s.
 * - Events stamped at the same instant share one timestamp object (a Map of 1,000 items writes
 *   10,000 events at a few dozen instants; a date per event was a fifth of building the history), so
 *   every setter throws a TypeError instead of changing the other events' time too. A history is a
 *   record: `new Date(event.timestamp)` gives a date of one's own to change.
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

  override setTime(): number {
    return refuseChange();
  }
  override setMilliseconds(): number {
    return refuseChange();
  }
  override setUTCMilliseconds(): number {
    return refuseChange();
  }
  override setSeconds(): number {
    return refuseChange();
  }
  override setUTCSeconds(): number {
    return refuseChange();
  }
  override setMinutes(): number {
    return refuseChange();
  }
  override setUTCMinutes(): number {
    return refuseChange();
  }
  override setHours(): number {
    return refuseChange();
  }
  override setUTCHours(): number {
    return refuseChange();
  }
  override setDate(): number {
    return refuseChange();
  }
  override setUTCDate(): number {
    return refuseChange();
  }
  override setMonth(): number {
    return refuseChange();
  }
  override setUTCMonth(): number {
    return refuseChange();
  }
  override setFullYear(): number {
    return refuseChange();
  }
  override setUTCFullYear(): number {
    return refuseChange();
  }
}

// `Date#setYear` (Annex B) is not in TypeScript's Date type; it is refused like the others.
Object.defineProperty(HistoryTimestamp.prototype, 'setYear', { value: refuseChange, writable: true, configurable: true });

function refuseChange(): never {
  throw new TypeError(
    'A history event timestamp cannot be changed (events at the same instant share it); copy it with new Date(timestamp)',
  );
}
