import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { AwsRetryPolicy } from '../clients/callAws.js';
import { EXECUTION_TERMINAL_STATUS } from '../../../assertions/historyEvents.js';
import { sleep, type Pacer } from '../clients/Pacer.js';
import { filterLogEventPages } from './filterLogEventPages.js';

export interface ExpressLogOptions {
  retry: AwsRetryPolicy;
  /** Shared FilterLogEvents pacing; absent: unpaced. */
  pacer?: Pacer;
  /** Wait between two reads while the terminal event, or an event before it, has not arrived. */
  pollMs: number;
  /** After the terminal event, how long events with lower ids that are still missing are awaited. */
  graceMs: number;
  /** Give up waiting for the terminal event at this time (epoch ms). */
  deadlineMs: number;
  signal?: AbortSignal;
}

/** At most this many missing ids are listed (a gap that long says enough). */
const MISSING_IDS_LISTED = 1000;

/**
 * A Step Functions execution event as CloudWatch Logs stores it (snake_case envelope, ids as strings). This
 * schema is observed in recorded logs, not documented by AWS: UNCONFIRMED as a contract (sfn-semantics.md §6.2).
 */
interface LoggedEvent {
  id?: string;
  type?: string;
  details?: Record<string, unknown>;
  previous_event_id?: string;
  event_timestamp?: string;
  execution_arn?: string;
}

/**
 * Reads an Express execution's events from its state machine's log group (logging level ALL), filtered
 * by execution ARN. Delivery is best-effort, so it reads until the terminal event is there (or the
 * deadline passes), then, while ids below the terminal event's are missing, reads again for at most the
 * grace period, and keeps every event once by id. Events that never arrive are returned in
 * `missingEventIds`: nothing may be concluded about them (the history analysis makes the state
 * expectations of such a history not checkable).
 *
 * @example
 * ```ts
 * const { events, complete, missingEventIds } = await readExpressLogEvents(logs, '/aws/vendedlogs/states/checkout', executionArn, startedAt, options);
 * ```
 */
export async function readExpressLogEvents(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  executionArn: string,
  startTimeMs: number,
  options: ExpressLogOptions,
): Promise<{ events: HistoryEvent[]; complete: boolean; missingEventIds: number[] }> {
  const byId = new Map<number, HistoryEvent>();
  const readAll = (): Promise<void> =>
    filterLogEventPages(
      logs,
      { logGroupName, filterPattern: `{ $.execution_arn = "${executionArn}" }`, startTime: startTimeMs - 60_000 },
      { retry: options.retry, ...(options.pacer ? { pacer: options.pacer } : {}), ...(options.signal ? { signal: options.signal } : {}) },
      (logEvents) => {
        for (const logEvent of logEvents) {
          const event = toHistoryEvent(logEvent.message, executionArn);
          if (event?.id !== undefined && !byId.has(event.id)) byId.set(event.id, event);
        }
      },
    );
  const terminalId = (): number | undefined =>
    [...byId.values()].find((event) => event.type !== undefined && event.type in EXECUTION_TERMINAL_STATUS)?.id;
  const missingIds = (): number[] => {
    const last = terminalId();
    if (last === undefined) return [];
    const present = [...byId.keys()].filter((id) => id < last).sort((a, b) => a - b);
    const missing: number[] = [];
    let expected = 1;
    for (const id of [...present, last]) {
      for (; expected < id && missing.length < MISSING_IDS_LISTED; expected += 1) missing.push(expected);
      expected = id + 1;
    }
    return missing;
  };

  await readAll();
  while (terminalId() === undefined && Date.now() < options.deadlineMs) {
    await sleep(options.pollMs, options.signal);
    await readAll();
  }
  const complete = terminalId() !== undefined;
  const graceEndsAtMs = Date.now() + options.graceMs;
  while (complete && missingIds().length > 0 && Date.now() < graceEndsAtMs) {
    await sleep(Math.min(options.pollMs, Math.max(0, graceEndsAtMs - Date.now())), options.signal);
    await readAll();
  }
  return { events: [...byId.values()].sort((a, b) => (a.id ?? 0) - (b.id ?? 0)), complete, missingEventIds: missingIds() };
}

/**
 * One log message in GetExecutionHistory's shape (the `details` become the type's `…EventDetails`). Relies
 * on the observed log schema (snake_case envelope, string ids, epoch-ms `event_timestamp`, `details` holding
 * the API's detail fields), UNCONFIRMED as a contract (sfn-semantics.md §6.2): an event that does not fit
 * it is skipped, and so counts as missing.
 */
export function toHistoryEvent(message: string | undefined, executionArn: string): HistoryEvent | undefined {
  if (!message) return undefined;
  let logged: LoggedEvent;
  try {
    logged = JSON.parse(message) as LoggedEvent;
  } catch {
    return undefined;
  }
  if (logged.execution_arn !== undefined && logged.execution_arn !== executionArn) return undefined;
  const id = Number(logged.id);
  if (!Number.isFinite(id) || typeof logged.type !== 'string') return undefined;
  const event: Record<string, unknown> = {
    id,
    type: logged.type,
    previousEventId: Number(logged.previous_event_id ?? 0),
    timestamp: new Date(Number(logged.event_timestamp)),
  };
  if (logged.details && Object.keys(logged.details).length > 0) event[detailsMemberOf(logged.type)] = logged.details;
  return event as unknown as HistoryEvent;
}

function detailsMemberOf(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}
