import { withFields } from '../../withFields.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { toJsonText, type JsonValue } from '../data/json.js';
import { exceedsPayloadLimit } from '../visit/stateIo.js';
import type { ServiceTaskResource } from './serviceIntegrations.js';
import { resultTooLargeCause, taskScheduledDetailsOf, type AttemptOutcome, type AttemptRequest } from './serviceTaskAttempt.js';
import { notTruncated } from '../runtime/HistoryRecorder.js';

/** How a job ends: with the output the Task succeeds with, or with the error and cause it fails with. */
export type JobEnding = { kind: 'succeeded'; output: JsonValue } | { kind: 'failed'; error: string; cause: string | undefined };

/** What the start call of a `.sync` Task came back with. */
export type JobStart =
  | { kind: 'started'; response: JsonValue; ended: Promise<JobEnding>; stop(): void }
  | { kind: 'failed'; error: string; cause: string | undefined }
  | { kind: 'stateTimedOut' };

/**
 * One attempt of a Task with the run-a-job pattern (`.sync`, `.sync:2`): TaskScheduled, TaskStarted,
 * the start call, TaskSubmitted with its response, then the wait for the job: TaskSucceeded with the
 * job's output, TaskFailed with its error, or TaskTimedOut when the state's TimeoutSeconds (counted
 * from TaskStarted) runs out first; the job is then stopped. TaskSubmitted between TaskStarted and the
 * job's end is what a third-party emulator measured on AWS for `states:startExecution.sync`; for the
 * other services it is assumed the same (UNCONFIRMED).
 */
export async function runJobAttempt(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
  start: () => Promise<JobStart> | JobStart,
): Promise<AttemptOutcome> {
  const names = { resourceType: resource.resourceType, resource: resource.resource };
  const { timeoutSeconds } = request;
  scope.history.append('TaskScheduled', { taskScheduledEventDetails: taskScheduledDetailsOf(scope, request, names, undefined) });
  scope.history.append('TaskStarted', { taskStartedEventDetails: { ...names } });
  const startedAt = scope.clock.now();
  const fail = (error: string, cause: string | undefined): AttemptOutcome => {
    scope.history.append('TaskFailed', { taskFailedEventDetails: withFields(names, cause === undefined ? { error } : { error, cause }) });
    return { ok: false, error, cause };
  };
  const timedOut = (): AttemptOutcome => {
    scope.history.append('TaskTimedOut', { taskTimedOutEventDetails: withFields(names, { error: StatesErrorName.Timeout }) });
    return { ok: false, error: StatesErrorName.Timeout, cause: undefined };
  };

  const started = await start();
  if (started.kind === 'failed') return fail(started.error, started.cause);
  if (started.kind === 'stateTimedOut') return timedOut();
  scope.history.append('TaskSubmitted', {
    taskSubmittedEventDetails: withFields(names, { output: toJsonText(started.response), outputDetails: notTruncated }),
  });
  const remainingMs = timeoutSeconds === undefined ? undefined : Math.max(0, timeoutSeconds * 1000 - (scope.clock.now() - startedAt));
  const timer = remainingMs === undefined ? undefined : scope.clock.timer(remainingMs);
  let ending: JobEnding | 'timedOut';
  try {
    ending = await scope.waitFor(
      timer === undefined ? started.ended : Promise.race([started.ended, timer.elapsed.then(() => 'timedOut' as const)]),
    );
  } finally {
    timer?.cancel();
  }
  if (ending === 'timedOut') {
    // Step Functions stops the job it no longer waits for (UNCONFIRMED for a state timeout).
    started.stop();
    return timedOut();
  }
  if (ending.kind === 'failed') return fail(ending.error, ending.cause);
  if (exceedsPayloadLimit(ending.output)) return fail(StatesErrorName.DataLimitExceeded, resultTooLargeCause(resource.resourceType));
  scope.history.append('TaskSucceeded', {
    taskSucceededEventDetails: withFields(names, { output: toJsonText(ending.output), outputDetails: notTruncated }),
  });
  return { ok: true, result: ending.output };
}
