import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { HistoryEvent } from '@aws-sdk/client-sfn';

/** The AWS-recorded histories shared with the conformance suite (see its README for provenance). */
const FIXTURES = new URL('../fixtures/aws-recorded/', import.meta.url);

/** Fields that GetExecutionHistory returns as JSON strings but the recordings show parsed. */
const JSON_STRING_FIELDS = new Set(['input', 'output', 'parameters', 'cause']);

export const START = new Date('2026-03-01T12:00:00.000Z');

export interface TimingOptions {
  /** Time of the first event. */
  start?: Date;
  /** Seconds between an event and the one before it, by event id. */
  gapsBefore?: Record<number, number>;
  /** Gap for events not in `gapsBefore`; default 0.05 s. */
  defaultGapSeconds?: number;
}

/**
 * Loads a recorded history and restores the GetExecutionHistory shape: JSON-string payload fields and
 * increasing Date timestamps (the recording replaced them with the string "timestamp").
 */
export function loadRecordedHistory(caseName: string, timing: TimingOptions = {}): HistoryEvent[] {
  const recorded = JSON.parse(readFileSync(new URL(`${caseName}/history.json`, FIXTURES), 'utf8')) as Record<string, unknown>[];
  return withTimestamps(recorded.map(restorePayloadStrings), timing);
}

/** Names of all recorded cases that have a history. */
export function recordedCaseNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/history.json`, FIXTURES)))
    .map((entry) => entry.name)
    .sort();
}

function restorePayloadStrings(event: Record<string, unknown>): Record<string, unknown> {
  const restored: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
    const details: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of Object.keys(details)) {
      const fieldValue = details[field];
      if (JSON_STRING_FIELDS.has(field) && typeof fieldValue !== 'string') details[field] = JSON.stringify(fieldValue);
    }
    restored[key] = details;
  }
  return restored;
}

/** Gives events (in id order) increasing timestamps. */
export function withTimestamps(events: Record<string, unknown>[], timing: TimingOptions = {}): HistoryEvent[] {
  const { start = START, gapsBefore = {}, defaultGapSeconds = 0.05 } = timing;
  let clockMs = start.getTime();
  const sorted = [...events].sort((a, b) => Number(a['id']) - Number(b['id']));
  return sorted.map((event, index) => {
    const id = Number(event['id']);
    if (index > 0) clockMs += Math.round((gapsBefore[id] ?? defaultGapSeconds) * 1000);
    return { ...event, timestamp: new Date(clockMs) } as unknown as HistoryEvent;
  });
}

/** Deterministic shuffle, to prove array order is not trusted. */
export function shuffled<T>(items: T[], seed = 7): T[] {
  const copy = [...items];
  let state = seed;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
