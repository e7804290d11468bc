import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { AwsRetryPolicy } from './callAws.js';
import { TERMINAL_EVENT_STATUS } from './constants.js';
import { sleep, type Pacer } from './Pacer.js';
import { filterLogEventPages } from './filterLogEventPages.js';

export interface ExpressLogOptions {
  retry: AwsRetryPolicy;
  /** Shared FilterLogEvents pacing; absent: unpaced. */
  pacer?: Pacer;
  /** Wait between two reads while the terminal event has not arrived. */
  pollMs: number;
  /** After the terminal event, one more read this much later picks up events delivered late. */
  graceMs: number;
  /** Give up waiting for the terminal event at this time (epoch ms). */
  deadlineMs: number;
  signal?: AbortSignal;
}

/** A Step Functions execution event as CloudWatch Logs stores it (snake_case envelope, ids as strings). */
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
 * deadline passes), reads once more after a grace period, and keeps every event once by id. Events that
 * never arrive stay missing: the analysis treats what it cannot see as unknown.
 *
 * @example
 * ```ts
 * const { events, complete } = await readExpressLogEvents(logs, '/aws/vendedlogs/states/checkout', executionArn, startedAt, options);
 * ```
 */
export async function readExpressLogEvents(
  logs: CloudWatchLogsClient,
  logGroupName: string,
  executionArn: string,
  startTimeMs: number,
  options: ExpressLogOptions,
): Promise<{ events: HistoryEvent[]; complete: boolean }> {
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
  const hasTerminal = (): boolean => [...byId.values()].some((event) => event.type !== undefined && event.type in TERMINAL_EVENT_STATUS);

  await readAll();
  while (!hasTerminal() && Date.now() < options.deadlineMs) {
    await sleep(options.pollMs, options.signal);
    await readAll();
  }
  const complete = hasTerminal();
  if (complete && options.graceMs > 0) {
    await sleep(options.graceMs, options.signal);
    await readAll();
  }
  return { events: [...byId.values()].sort((a, b) => (a.id ?? 0) - (b.id ?? 0)), complete };
}

/** One log message in GetExecutionHistory's shape (the `details` become the type's `…EventDetails`). */
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
