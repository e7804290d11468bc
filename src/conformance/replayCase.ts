import { runExecution } from '../engine/index.js';
import type { LocalFunction } from '../engine/api/types.js';
import { withChaos } from '../injectors/index.js';
import type { ChaosConfig, FaultRule } from '../injectors/types.js';
import { createRandom } from '../random.js';
import { firstHistoryDifference, type HistoryDifference } from './compareHistories.js';
import { localIdentity, normaliseHistory, withRealValues } from './placeholders.js';
import { type RecordedCase, readRecordedFile } from './recordedCase.js';
import { replayStandIns } from './replayStandIns.js';

/** The day AWS announced execution redrive, which added `$$.Execution.RedriveCount`. */
const REDRIVE_LAUNCH_DATE = '2023-11-15';
/** Where a recording has no real timestamps, the local run starts here. */
const DEFAULT_START = new Date('2024-11-28T12:00:00.000Z');

/** How one recorded case replayed on the local engine. */
export interface ReplayOutcome {
  name: string;
  /** Undefined when the local history matches the recording. */
  difference: HistoryDifference | undefined;
  /** How it was compared: event for event, or (Express recordings without a history) by the last event and output. */
  comparedBy: 'events' | 'last event';
}

type Event = Record<string, unknown>;

/** Task tokens become `<task_token:N>` by first appearance, as in the recordings. */
function withTaskTokenPlaceholders<T>(events: T): T {
  const numbers = new Map<string, number>();
  const text = JSON.stringify(events).replace(/AQB[A-Za-z0-9_-]{20,}/g, (token) => {
    if (!numbers.has(token)) numbers.set(token, numbers.size + 1);
    return `<task_token:${numbers.get(token)}>`;
  });
  return JSON.parse(text) as T;
}

function startedDetails(history: readonly unknown[] | undefined): Record<string, unknown> {
  const first = history?.[0] as { executionStartedEventDetails?: Record<string, unknown> } | undefined;
  return first?.executionStartedEventDetails ?? {};
}

/** The input AWS received: the recorded ExecutionStarted input wins over meta.json, which may name a value differently. */
function inputOf(recorded: RecordedCase): unknown {
  const input = startedDetails(recorded.history)['input'];
  if (input === undefined) return recorded.meta.execution_input;
  if (typeof input !== 'string') return input;
  return JSON.parse(input) as unknown;
}

function startOf(history: readonly unknown[] | undefined): Date {
  const time = Date.parse(String((history?.[0] as Event | undefined)?.['timestamp']));
  return Number.isNaN(time) ? DEFAULT_START : new Date(time);
}

/** Wraps each replayed function with the injector and the recorded faults for it, as the AWS run armed them. */
function armed(functions: (ref: string) => LocalFunction | undefined, recorded: RecordedCase): (ref: string) => LocalFunction | undefined {
  if (recorded.faults.length === 0) return functions;
  const rulesByName = new Map<string, FaultRule[]>();
  for (const fault of withRealValues(recorded.faults)) {
    rulesByName.set(fault.function, [...(rulesByName.get(fault.function) ?? []), fault.rule as unknown as FaultRule]);
  }
  return (ref) => {
    const local = functions(ref);
    const rules = local === undefined ? undefined : rulesByName.get(local.name);
    if (local === undefined || rules === undefined) return local;
    const config: ChaosConfig = { faults: rules, seed: `${recorded.meta.seed ?? recorded.name}:${local.name}` };
    const wrapped = withChaos(
      (event: unknown, context: unknown) => local.invoke(event, context as Parameters<LocalFunction['invoke']>[1]),
      {
        config,
        sleep: (ms, context) => (context as unknown as Parameters<LocalFunction['invoke']>[1]).sfnChaos.sleep(ms),
        log: () => undefined,
      },
    );
    return {
      ...local,
      invoke: (payload, context) => (wrapped as (event: unknown, context: unknown) => Promise<unknown>)(payload, context),
    };
  };
}

/**
 * Runs a recorded case on the local engine, with the recorded definition, input and faults and the
 * recorded answers of its functions and services (see `replayStandIns`), and compares the local history
 * with the recorded one.
 *
 * @example
 * ```ts
 * const outcome = await replayRecordedCase(loadRecordedCase('recordings/payment-error-is-retried'));
 * outcome.difference === undefined; // true when the engine did what AWS did
 * ```
 */
export async function replayRecordedCase(recorded: RecordedCase): Promise<ReplayOutcome> {
  const realHistory = withRealValues(recorded.history ?? []);
  const standIns = replayStandIns(realHistory, new Set(recorded.meta.injected_failure_event_ids ?? []));
  const syncResponse = readRecordedFile(recorded.dir, 'start_execution_sync_response.json') as
    | { status: string; output?: { Error?: string; Cause?: string } }
    | undefined;
  const functions =
    recorded.history === undefined && syncResponse !== undefined ? failingLikeSyncResponse(syncResponse) : standIns.functions;
  const roleArn = startedDetails(realHistory)['roleArn'];
  const result = await runExecution({
    definition: withRealValues(recorded.definition),
    input: withRealValues(inputOf(recorded)),
    functions: armed(functions, recorded),
    services: standIns.services,
    ...localIdentity,
    ...(typeof roleArn === 'string' && roleArn !== 'snf_role_arn' ? { roleArn } : {}),
    random: createRandom(recorded.meta.seed !== undefined ? `${recorded.meta.seed}:jitter` : recorded.name),
    startTime: startOf(recorded.history),
  });
  if (recorded.history === undefined)
    return { name: recorded.name, difference: lastEventDifference(recorded, result), comparedBy: 'last event' };
  const keepTimestamps = recorded.history.some((event) => !Number.isNaN(Date.parse(String((event as Event)['timestamp']))));
  const ours = normaliseHistory(withTaskTokenPlaceholders(result.events), {
    contextTimes: /EnteredTime/.test(recorded.meta.notes ?? ''),
    withoutRedriveCount: (recorded.meta.last_validated_date ?? '9999') < REDRIVE_LAUNCH_DATE,
    keepTimestamps,
  });
  return { name: recorded.name, difference: firstHistoryDifference(recorded.history, ours), comparedBy: 'events' };
}

/** An Express recording without a history: its one function fails as the sync response's output says. */
function failingLikeSyncResponse(response: { output?: { Error?: string; Cause?: string } }): (ref: string) => LocalFunction | undefined {
  const cause = JSON.parse(response.output?.Cause ?? '{}') as Record<string, unknown>;
  const history = [
    { type: 'LambdaFunctionScheduled', lambdaFunctionScheduledEventDetails: { resource: 'recorded-function' } },
    { id: 0, type: 'LambdaFunctionFailed', lambdaFunctionFailedEventDetails: { error: response.output?.Error, cause } },
  ];
  const standIns = replayStandIns(history, new Set());
  return (ref) => {
    const local = standIns.functions('recorded-function');
    return local === undefined ? undefined : { ...local, name: ref.split(':').at(-1) ?? ref };
  };
}

/** Express recordings without a history: the last CloudWatch Logs event (id, previous id, type) and the sync response's status and error. */
function lastEventDifference(
  recorded: RecordedCase,
  result: {
    status: string;
    output?: string | undefined;
    events: { id?: number | undefined; previousEventId?: number | undefined; type?: string | undefined }[];
  },
): HistoryDifference | undefined {
  const lastLogged = readRecordedFile(recorded.dir, 'async_end_event.json') as
    | { id: string; previous_event_id: string; type: string }
    | undefined;
  const sync = readRecordedFile(recorded.dir, 'start_execution_sync_response.json') as
    | { status: string; output?: { Error?: string } }
    | undefined;
  const last = result.events.at(-1);
  const ours = { id: String(last?.id), previous_event_id: String(last?.previousEventId), type: last?.type };
  const index = result.events.length - 1;
  if (lastLogged !== undefined) {
    const theirs = { id: lastLogged.id, previous_event_id: lastLogged.previous_event_id, type: lastLogged.type };
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
      return { index, what: 'missing', message: 'the last event differs from the last logged one', recorded: theirs, local: ours };
    }
  }
  const error = (JSON.parse(result.output ?? 'null') as { Error?: string } | null)?.Error;
  if (sync !== undefined && (sync.status !== result.status || sync.output?.Error !== error)) {
    return {
      index,
      what: 'details',
      message: 'the execution ends differently from the recorded sync response',
      recorded: { status: sync.status, error: sync.output?.Error },
      local: { status: result.status, error },
    };
  }
  return undefined;
}
