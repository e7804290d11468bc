import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogEvent } from '../../../injectors/constants.js';
import { readFaultLedgerEntry, type FaultLedgerEntry } from '../../../injectors/ledger.js';
import type { AwsRetryPolicy } from '../clients/callAws.js';
import { sleep, type Pacer } from '../clients/Pacer.js';
import { filterLogEventPages } from './filterLogEventPages.js';

/** A deployed function whose fault ledger is read: the log group its injector's lines land in. */
export interface FaultLedgerSource {
  functionName: string;
  logGroupName: string;
}

export interface ReadFaultLedgerOptions {
  retry: AwsRetryPolicy;
  /** Shared FilterLogEvents pacing; absent: unpaced. */
  pacer?: Pacer;
  /** Keeps lines of this run, of one of these scenario ids and (when the line knows it) of this execution only. */
  runId: string;
  /**
   * The scenario ids the lines of this scenario may carry: its own, and that of the scenario that armed a
   * function first when the arming was shared (the shared config keeps the first holder's id).
   */
  scenarioIds: readonly string[];
  executionArn: string;
  /**
   * Functions whose arming other scenarios held at the same time, with what ties a line to this execution
   * when the line does not name its execution: the request ids the causes of this execution's failed
   * attempts name. Lines of those functions naming another invocation are another scenario's. When some
   * failed attempt names no request id, such lines cannot be told apart and are kept.
   */
  sharedArming?: { functionNames: ReadonlySet<string>; requestIds: ReadonlySet<string>; someFailureWithoutRequestId: boolean };
  /** Time window of the log events to read (epoch ms, inclusive). */
  startTimeMs: number;
  endTimeMs: number;
  /** Reading stops once this many lines are in; until then it repeats every `pollMs` for at most `graceMs`. */
  expectedLines: number;
  pollMs: number;
  graceMs: number;
  signal?: AbortSignal;
}

/** What could be read: the ledger lines, and the log groups that could not be read, with why. */
export interface FaultLedgerReading {
  entries: FaultLedgerEntry[];
  unreadable: { functionName: string; logGroupName: string; reason: string }[];
}

/**
 * Reads back the fault-ledger lines the deployed injector wrote for one scenario, from each function's
 * CloudWatch Logs log group, with FilterLogEvents over the execution's time window, following `nextToken`
 * to the end. The filter pattern selects lines holding both the ledger marker and the run id as terms, which
 * matches in both Lambda log formats (a JSON filter would miss the text format, where the JSON follows a
 * tab-separated prefix); each line is then parsed with `readFaultLedgerEntry` and kept only when its run and
 * scenario (and execution, when known) are this one; when the arming was shared with scenarios running at
 * the same time, a line that does not name its execution must name the invocation of one of this
 * execution's failed attempts (`sharedArming`). Log delivery is eventually consistent, so reads repeat
 * until `expectedLines` lines are in or `graceMs` has passed. A log group that cannot be read (AccessDenied,
 * throttling after retries) is reported in `unreadable` and the others are still read; nothing here throws.
 *
 * @example
 * ```ts
 * const { entries, unreadable } = await readFaultLedger(logs, [{ functionName: 'charge', logGroupName: '/aws/lambda/charge' }], {
 *   retry, runId, scenarioIds: [scenario.name], executionArn, startTimeMs, endTimeMs, expectedLines: 3, pollMs: 1000, graceMs: 10_000,
 * });
 * ```
 */
export async function readFaultLedger(
  logs: CloudWatchLogsClient,
  sources: FaultLedgerSource[],
  options: ReadFaultLedgerOptions,
): Promise<FaultLedgerReading> {
  const seen = new Set<string>();
  const entries: FaultLedgerEntry[] = [];
  const unreadable: FaultLedgerReading['unreadable'] = [];
  const filterPattern = filterPatternFor(options.runId);

  const readSource = (source: FaultLedgerSource): Promise<void> =>
    filterLogEventPages(
      logs,
      { logGroupName: source.logGroupName, filterPattern, startTime: options.startTimeMs, endTime: options.endTimeMs },
      { retry: options.retry, ...(options.pacer ? { pacer: options.pacer } : {}), ...(options.signal ? { signal: options.signal } : {}) },
      (events) => {
        for (const logEvent of events) {
          const key = `${source.logGroupName}\n${logEvent.eventId ?? `${logEvent.logStreamName ?? ''}\n${String(logEvent.timestamp)}\n${logEvent.message ?? ''}`}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const entry = readFaultLedgerEntry(logEvent.message ?? '');
          if (entry && belongsTo(entry, source, options)) entries.push(entry);
        }
      },
    );

  const readAll = async (): Promise<void> => {
    for (const source of sources) {
      if (unreadable.some((problem) => problem.logGroupName === source.logGroupName)) continue;
      try {
        await readSource(source);
      } catch (error) {
        const reason = options.signal?.aborted ? 'the run was interrupted' : `${(error as Error).name}: ${(error as Error).message}`;
        unreadable.push({ ...source, reason });
      }
    }
  };

  const giveUpAtMs = Date.now() + options.graceMs;
  await readAll();
  while (
    entries.length < options.expectedLines &&
    unreadable.length < sources.length &&
    Date.now() < giveUpAtMs &&
    !options.signal?.aborted
  ) {
    try {
      await sleep(Math.min(options.pollMs, Math.max(0, giveUpAtMs - Date.now())), options.signal);
    } catch {
      break;
    }
    await readAll();
  }
  return { entries, unreadable };
}

/**
 * Term patterns match the raw text of any event, so one pattern serves both Lambda log formats; that a
 * quoted term also matches inside the JSON format's escaped `message` string follows the CloudWatch Logs
 * filter-pattern documentation and is UNCONFIRMED against recorded logs (sfn-semantics.md has none).
 * Both terms must appear in the event: `"fault-injected" "<runId>"`. A run id with characters a quoted term
 * cannot hold safely is left out of the pattern (the lines are still filtered by run id once parsed).
 */
export function filterPatternFor(runId: string): string {
  const marker = `"${LogEvent.FaultInjected}"`;
  return /^[0-9A-Za-z_.:-]+$/.test(runId) ? `${marker} "${runId}"` : marker;
}

function belongsTo(entry: FaultLedgerEntry, source: FaultLedgerSource, options: ReadFaultLedgerOptions): boolean {
  if (entry.runId !== options.runId || entry.scenarioId === null || !options.scenarioIds.includes(entry.scenarioId)) return false;
  if (entry.executionArn !== null) return entry.executionArn === options.executionArn;
  const shared = options.sharedArming;
  if (shared === undefined || !shared.functionNames.has(entry.functionName ?? source.functionName)) return true;
  // Another scenario ran on the same arming, in the same time window: only the invocation's request id tells.
  return (entry.awsRequestId !== null && shared.requestIds.has(entry.awsRequestId)) || shared.someFailureWithoutRequestId;
}
