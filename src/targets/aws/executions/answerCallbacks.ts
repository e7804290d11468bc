import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';
import { describeAwsError } from '../clients/describeAwsError.js';
import { sleep } from '../clients/Pacer.js';
import { TargetWarningCode } from '../constants.js';
import { readExecutionHistory } from '../results/readHistory.js';
import type { PlannedCallback, TaskTokenPath } from './callbackPlan.js';

/** What the answering left to say once the execution ended: answers that did not reach their task. */
export type CallbackWarning = { source: 'aws-target'; code: TargetWarningCode; message: string };

/** A running {@link answerCallbacks}: stop it when the execution has ended. */
export interface CallbackAnswering {
  /** Stops reading and sending, waits for calls in flight, and returns what went wrong. */
  stop(): Promise<CallbackWarning[]>;
}

/** One `.waitForTaskToken` attempt seen in the history. */
interface ScheduledTask {
  eventId: number;
  stateName: string;
  visit: number;
  attempt: number;
  scheduledAtMs: number;
  parameters: string | undefined;
}

/** The API exceptions meaning the task no longer waits for this token. */
const TASK_CLOSED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Answers a Standard execution's `.waitForTaskToken` Tasks as the scenario's `callbacks:` say, while it
 * runs. Every `pollMs` it reads the history (GetExecutionHistory, paced); each new `TaskScheduled` event is
 * matched to its state, visit and attempt (the first `callbacks:` entry that matches applies, as on the
 * local engine) and its task token read from the event's parameters at the path the definition gives.
 * Heartbeats (SendTaskHeartbeat) go every `heartbeat:` seconds and the answer (SendTaskSuccess or
 * SendTaskFailure) `after:` seconds, both counted in real time from the `TaskScheduled` timestamp.
 *
 * @example
 * ```ts
 * const answering = answerCallbacks(context, executionArn, plan.callbacks, 1000, signal);
 * await waitForExecution(context, executionArn, deadlineMs, poll, signal);
 * const warnings = await answering.stop();
 * ```
 */
export function answerCallbacks(
  context: AwsCallContext,
  executionArn: string,
  callbacks: readonly PlannedCallback[],
  pollMs: number,
  signal?: AbortSignal,
): CallbackAnswering {
  const stopping = new AbortController();
  const onAbort = (): void => stopping.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const warnings: CallbackWarning[] = [];
  const warn = (code: TargetWarningCode, message: string): void => {
    if (!warnings.some((warning) => warning.message === message)) warnings.push({ source: 'aws-target', code, message });
  };
  const seen = new Set<number>();
  const deliveries: Promise<void>[] = [];

  const watch = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      try {
        const events = await readExecutionHistory(context.clients.sfn, executionArn, {
          retry: context.retry,
          pacer: context.pacers.GetExecutionHistory,
          signal: stopping.signal,
        });
        for (const task of scheduledTasks(events)) {
          if (seen.has(task.eventId)) continue;
          seen.add(task.eventId);
          const callback = callbacks.find(
            ({ spec }) =>
              spec.state === task.stateName && (spec.visit ?? task.visit) === task.visit && (spec.attempt ?? task.attempt) === task.attempt,
          );
          if (callback) deliveries.push(deliver(context, task, callback, warn, stopping.signal));
        }
      } catch (error) {
        if (stopping.signal.aborted) return;
        warn(
          TargetWarningCode.CallbackHistoryUnread,
          `callbacks: the history of ${executionArn} could not be read to find task tokens (${describeAwsError(error)}); tasks scheduled meanwhile were not answered`,
        );
      }
      await sleep(pollMs, stopping.signal).catch(() => undefined);
    }
  };
  const watching = watch();

  return {
    async stop() {
      stopping.abort();
      signal?.removeEventListener('abort', onAbort);
      await watching;
      await Promise.all(deliveries);
      return warnings;
    },
  };
}

/** Heartbeats, then the answer, at their times; ends early when the task no longer waits or the answering stops. */
async function deliver(
  context: AwsCallContext,
  task: ScheduledTask,
  { spec, tokenPath }: PlannedCallback,
  warn: (code: TargetWarningCode, message: string) => void,
  signal: AbortSignal,
): Promise<void> {
  const where = `"${task.stateName}" (visit ${task.visit}, attempt ${task.attempt}, TaskScheduled event ${task.eventId})`;
  const taskToken = tokenAt(task.parameters, tokenPath);
  if (taskToken === undefined) {
    warn(
      TargetWarningCode.CallbackNotDelivered,
      `callbacks: no task token at ${tokenPath.join('.')} in the parameters of ${where}, so it was not answered`,
    );
    return;
  }
  const answerAtMs = spec.answer === undefined ? Number.POSITIVE_INFINITY : task.scheduledAtMs + (spec.after ?? 0) * 1000;
  const periodMs = spec.heartbeat === undefined ? undefined : spec.heartbeat * 1000;
  try {
    for (let beat = 1; periodMs !== undefined && task.scheduledAtMs + beat * periodMs < answerAtMs; beat += 1) {
      await sleep(Math.max(0, task.scheduledAtMs + beat * periodMs - Date.now()), signal);
      if (
        !(await send(
          context,
          'SendTaskHeartbeat',
          (abortSignal) => context.clients.sfn.send(new SendTaskHeartbeatCommand({ taskToken }), { abortSignal }),
          where,
          warn,
          signal,
        ))
      )
        return;
    }
    const answer = spec.answer;
    if (answer === undefined) return;
    await sleep(Math.max(0, answerAtMs - Date.now()), signal);
    if (answer.kind === 'success') {
      await send(
        context,
        'SendTaskSuccess',
        (abortSignal) =>
          context.clients.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(answer.output ?? null) }), {
            abortSignal,
          }),
        where,
        warn,
        signal,
      );
    } else {
      await send(
        context,
        'SendTaskFailure',
        (abortSignal) =>
          context.clients.sfn.send(
            new SendTaskFailureCommand({ taskToken, error: answer.error, ...(answer.cause === undefined ? {} : { cause: answer.cause }) }),
            { abortSignal },
          ),
        where,
        warn,
        signal,
      );
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/**
 * One SendTask* call, paced and retried like every call; false when the task no longer waits (or the call
 * failed), which is said in a warning for answers (a refused heartbeat only ends the heartbeats).
 */
async function send(
  context: AwsCallContext,
  api: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat',
  call: (abortSignal: AbortSignal) => Promise<unknown>,
  where: string,
  warn: (code: TargetWarningCode, message: string) => void,
  signal: AbortSignal,
): Promise<boolean> {
  let attempts = 0;
  try {
    await callAws(
      () => {
        attempts += 1;
        return call(signal);
      },
      context.retry,
      signal,
      { pacer: context.pacers[api] },
    );
    return true;
  } catch (error) {
    if (signal.aborted) return false;
    const name = (error as Error).name;
    if (api === 'SendTaskHeartbeat' && TASK_CLOSED.has(name)) return false;
    const after = attempts > 1 && TASK_CLOSED.has(name) ? ', after an earlier attempt that got no answer and may have been delivered' : '';
    warn(TargetWarningCode.CallbackNotDelivered, `callbacks: ${api} for ${where} was refused (${describeAwsError(error)}${after})`);
    return false;
  }
}

/** The token at `path` of the parameters (a JSON string), when it is a string there. */
function tokenAt(parameters: string | undefined, path: TaskTokenPath): string | undefined {
  if (parameters === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(parameters);
  } catch {
    return undefined;
  }
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Every `TaskScheduled` event with its state, visit and attempt. The state is the `TaskStateEntered`
 * reached by following `previousEventId` back (a retry's TaskScheduled follows the failed attempt, which
 * follows the earlier TaskScheduled); the visit counts that state's entries so far, the attempt the
 * TaskScheduled events of that entry so far.
 */
export function scheduledTasks(events: readonly HistoryEvent[]): ScheduledTask[] {
  const byId = new Map(events.map((event) => [event.id ?? 0, event]));
  const visits = new Map<number, number>();
  const entries = new Map<string, number>();
  const attempts = new Map<number, number>();
  const tasks: ScheduledTask[] = [];
  for (const event of events) {
    if (event.type === 'TaskStateEntered') {
      const name = event.stateEnteredEventDetails?.name ?? '';
      const visit = (entries.get(name) ?? 0) + 1;
      entries.set(name, visit);
      visits.set(event.id ?? 0, visit);
      continue;
    }
    if (event.type !== 'TaskScheduled') continue;
    const entered = enteredEventOf(event, byId);
    if (entered === undefined) continue;
    const attempt = (attempts.get(entered.id ?? 0) ?? 0) + 1;
    attempts.set(entered.id ?? 0, attempt);
    tasks.push({
      eventId: event.id ?? 0,
      stateName: entered.stateEnteredEventDetails?.name ?? '',
      visit: visits.get(entered.id ?? 0) ?? 1,
      attempt,
      scheduledAtMs: event.timestamp instanceof Date ? event.timestamp.getTime() : Date.now(),
      parameters: event.taskScheduledEventDetails?.parameters,
    });
  }
  return tasks;
}

function enteredEventOf(event: HistoryEvent, byId: ReadonlyMap<number, HistoryEvent>): HistoryEvent | undefined {
  let current: HistoryEvent | undefined = event;
  for (let steps = 0; current !== undefined && steps < 100_000; steps += 1) {
    if (current.type === 'TaskStateEntered') return current;
    const previous: number | undefined = current.previousEventId;
    current = previous === undefined || previous === 0 ? undefined : byId.get(previous);
  }
  return undefined;
}
