import { formatSeconds } from '../assertions/wording.js';

/** How far apart the gap before an event may be in the two histories (seconds): AWS's own timing is not exact. */
export const GAP_TOLERANCE_SECONDS = 1;

/** The first place two histories differ. */
export interface HistoryDifference {
  /** 0-based position in the events arrays. */
  index: number;
  /** What differs: `type`, `id`, `previousEventId`, `details`, `gap` (time since the previous event) or `missing`. */
  what: 'type' | 'id' | 'previousEventId' | 'details' | 'gap' | 'missing';
  /** One line saying how. */
  message: string;
  recorded: unknown;
  local: unknown;
}

type EventLike = Record<string, unknown>;

/** Keys sorted, so two events compare by content, not by the order their members were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function timeOf(event: EventLike | undefined): number | undefined {
  const value = event?.['timestamp'];
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function withoutTimestamp(event: EventLike): EventLike {
  const { timestamp: _timestamp, ...rest } = event;
  return rest;
}

/**
 * The first difference between a recorded history and the local one, both in the recorded placeholder form
 * (see `normaliseHistory`), or undefined when they match: event for event the same type, id,
 * previousEventId and details, and, where both histories carry real timestamps, the same gap since the
 * previous event within {@link GAP_TOLERANCE_SECONDS} (so backoff waits match; absolute times never do).
 *
 * @example
 * ```ts
 * firstHistoryDifference(recorded, ours)?.message; // 'the gap before event 6 is 2s in the recording, 1s locally (more than 1s apart)'
 * ```
 */
export function firstHistoryDifference(recorded: readonly unknown[], local: readonly unknown[]): HistoryDifference | undefined {
  for (let index = 0; index < Math.max(recorded.length, local.length); index++) {
    const theirs = recorded[index] as EventLike | undefined;
    const ours = local[index] as EventLike | undefined;
    if (theirs === undefined || ours === undefined) {
      const message =
        theirs === undefined
          ? `the local history has ${local.length} events, the recording ${recorded.length}`
          : `the recording has ${recorded.length} events, the local history ${local.length}`;
      return { index, what: 'missing', message, recorded: theirs, local: ours };
    }
    const difference = eventDifference(theirs, ours);
    if (difference !== undefined) return { index, ...difference, recorded: theirs, local: ours };
    const gap = gapDifference(recorded[index - 1] as EventLike | undefined, theirs, local[index - 1] as EventLike | undefined, ours);
    if (gap !== undefined) return { index, what: 'gap', message: gap, recorded: theirs, local: ours };
  }
  return undefined;
}

function eventDifference(theirs: EventLike, ours: EventLike): Pick<HistoryDifference, 'what' | 'message'> | undefined {
  for (const field of ['type', 'id', 'previousEventId'] as const) {
    if (canonical(theirs[field]) !== canonical(ours[field])) {
      return {
        what: field,
        message: `event ${String(theirs['id'])}: ${field} is ${canonical(theirs[field])} in the recording, ${canonical(ours[field])} locally`,
      };
    }
  }
  if (canonical(withoutTimestamp(theirs)) === canonical(withoutTimestamp(ours))) return undefined;
  return { what: 'details', message: `event ${String(theirs['id'])} (${String(theirs['type'])}): the details differ` };
}

function gapDifference(
  theirPrevious: EventLike | undefined,
  theirs: EventLike,
  ourPrevious: EventLike | undefined,
  ours: EventLike,
): string | undefined {
  const times = [timeOf(theirPrevious), timeOf(theirs), timeOf(ourPrevious), timeOf(ours)];
  if (times.some((time) => time === undefined)) return undefined;
  const [a, b, c, d] = times as number[];
  const theirGap = ((b as number) - (a as number)) / 1000;
  const ourGap = ((d as number) - (c as number)) / 1000;
  if (Math.abs(theirGap - ourGap) <= GAP_TOLERANCE_SECONDS) return undefined;
  return `the gap before event ${String(theirs['id'])} (${String(theirs['type'])}) is ${formatSeconds(theirGap)} in the recording, ${formatSeconds(ourGap)} locally (more than ${formatSeconds(GAP_TOLERANCE_SECONDS)} apart)`;
}

/**
 * Two events side by side, the recorded one on the left, each as indented JSON.
 *
 * @example
 * ```ts
 * formatSideBySide({ id: 1 }, { id: 2 }); // 'recorded (AWS)   | local\n{                | {\n…'
 * ```
 */
export function formatSideBySide(recorded: unknown, local: unknown): string {
  const left = [
    'recorded (AWS)',
    ...(recorded === undefined ? ['(no event)'] : JSON.stringify(JSON.parse(canonical(recorded)), null, 2).split('\n')),
  ];
  const right = ['local', ...(local === undefined ? ['(no event)'] : JSON.stringify(JSON.parse(canonical(local)), null, 2).split('\n'))];
  const width = Math.max(...left.map((line) => line.length));
  const lines: string[] = [];
  for (let row = 0; row < Math.max(left.length, right.length); row++) {
    const l = left[row] ?? '';
    const r = right[row] ?? '';
    const marker = l === r ? ' | ' : ' ≠ ';
    lines.push(`${l.padEnd(width)}${row === 0 ? ' | ' : marker}${r}`.trimEnd());
  }
  return lines.join('\n');
}
