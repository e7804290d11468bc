/**
 * Tolerant readers for GetExecutionHistory events. Histories come from our local engine, from
 * GetExecutionHistory, or rebuilt from Express CloudWatch Logs, so every field is read defensively:
 * nothing here throws on odd input.
 */

/** Events that start one attempt of a Task state. */
export const TASK_SCHEDULED_EVENTS: ReadonlySet<string> = new Set(['LambdaFunctionScheduled', 'TaskScheduled', 'ActivityScheduled']);

/** Events in the middle of a Task attempt. */
export const TASK_PROGRESS_EVENTS: ReadonlySet<string> = new Set([
  'LambdaFunctionStarted',
  'TaskStarted',
  'TaskSubmitted',
  'ActivityStarted',
]);

export const TASK_SUCCEEDED_EVENTS: ReadonlySet<string> = new Set(['LambdaFunctionSucceeded', 'TaskSucceeded', 'ActivitySucceeded']);

/** Events that end a Task attempt with an error (the `…ScheduleFailed` ones may come without a `…Scheduled`). */
export const TASK_FAILED_EVENTS: ReadonlySet<string> = new Set([
  'LambdaFunctionFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'TaskFailed',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'ActivityFailed',
  'ActivityScheduleFailed',
]);

export const TASK_TIMED_OUT_EVENTS: ReadonlySet<string> = new Set(['LambdaFunctionTimedOut', 'TaskTimedOut', 'ActivityTimedOut']);

/** The event types that end an execution's history, by the status they mean. */
export const EXECUTION_TERMINAL_STATUS = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
} as const;

/** The kind of state a visit is, as far as attempts are concerned. */
export type StateKind = 'task' | 'map' | 'parallel' | 'fail' | 'wait' | 'other';

export function stateKindOf(enteredEventType: string): StateKind {
  switch (enteredEventType) {
    case 'TaskStateEntered':
      return 'task';
    case 'MapStateEntered':
      return 'map';
    case 'ParallelStateEntered':
      return 'parallel';
    case 'FailStateEntered':
      return 'fail';
    case 'WaitStateEntered':
      return 'wait';
    default:
      return 'other';
  }
}

/** A history event reduced to what the analysis reads, with normalised id and time. */
export interface NormalisedEvent {
  id: number;
  /** `undefined` when absent or not a number. */
  previousEventId: number | undefined;
  type: string;
  /** An Invalid Date when the event has no usable timestamp. */
  timestamp: Date;
  details: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFiniteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Accepts a Date, epoch milliseconds (number or numeric string, as in CloudWatch Logs) or an ISO-8601 string. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return new Date(value.getTime());
  const epochMs = toFiniteNumber(value);
  if (epochMs !== undefined) return new Date(epochMs);
  if (typeof value === 'string') return new Date(Date.parse(value));
  return new Date(Number.NaN);
}

export function isValidDate(date: Date | undefined): date is Date {
  return date !== undefined && Number.isFinite(date.getTime());
}

/** The single `…EventDetails` member of an event (AWS sets at most one), or `{}`. */
function detailsOf(event: Record<string, unknown>): Record<string, unknown> {
  // Own keys in the order Object.entries gives them, without allocating the [key, value] pairs (one call per event).
  for (const key of Object.keys(event)) {
    if (!key.endsWith('EventDetails')) continue;
    const value = event[key];
    if (isRecord(value)) return value;
  }
  // CloudWatch Logs events carry the same fields under `details`.
  const logDetails = event['details'];
  return isRecord(logDetails) ? logDetails : {};
}

/**
 * Sorts by `id` (array order is not trusted) and drops entries that are not events or repeat an id
 * (Express logs may deliver an event twice). Events without a numeric id cannot be placed and are dropped.
 */
export function normaliseEvents(events: unknown): NormalisedEvent[] {
  if (!Array.isArray(events)) return [];
  // A history already in increasing id order (the local engine's, GetExecutionHistory's) needs neither the
  // Map of ids nor the sort: the events are kept in order until one is out of order or repeats an id.
  const inOrder: NormalisedEvent[] = [];
  let byId: Map<number, NormalisedEvent> | undefined;
  for (const raw of events as unknown[]) {
    if (!isRecord(raw)) continue;
    const id = toFiniteNumber(raw['id']);
    const type = raw['type'];
    if (id === undefined || typeof type !== 'string') continue;
    if (byId === undefined) {
      const last = inOrder.at(-1);
      if (last === undefined || id > last.id) {
        inOrder.push(normalisedEvent(raw, id, type));
        continue;
      }
      byId = new Map(inOrder.map((event) => [event.id, event]));
    }
    if (!byId.has(id)) byId.set(id, normalisedEvent(raw, id, type));
  }
  return byId === undefined ? inOrder : [...byId.values()].sort((a, b) => a.id - b.id);
}

function normalisedEvent(raw: Record<string, unknown>, id: number, type: string): NormalisedEvent {
  return {
    id,
    previousEventId: toFiniteNumber(raw['previousEventId'] ?? raw['previous_event_id']),
    type,
    timestamp: toDate(raw['timestamp'] ?? raw['event_timestamp']),
    details: detailsOf(raw),
  };
}

export function stringField(details: Record<string, unknown>, key: string): string | undefined {
  const value = details[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberField(details: Record<string, unknown>, key: string): number | undefined {
  return toFiniteNumber(details[key]);
}

/** Step Functions payloads are JSON strings; a string that is not JSON is returned as it is. */
export function parsePayload(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Reads `{Error, Cause}` (the ASL error output) from a caught state's output, if that is its shape. */
export function errorOutputOf(output: unknown): { error: string; cause?: string } | undefined {
  if (!isRecord(output)) return undefined;
  const error = output['Error'];
  if (typeof error !== 'string') return undefined;
  const cause = output['Cause'];
  return typeof cause === 'string' ? { error, cause } : { error };
}
