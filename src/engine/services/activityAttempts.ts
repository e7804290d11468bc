import { TargetError } from '../../errors.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../asl/failures.js';
import { toJsonText, toJsonValue, type JsonValue } from '../data/json.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import { exceedsPayloadLimit } from '../visit/stateIo.js';
import type { LocalActivityWorker } from '../api/activityWorkers.js';
import type { ActivityResource } from './activityResource.js';
import { resultTooLargeCause, type AttemptOutcome, type AttemptRequest } from './serviceTaskAttempt.js';
import { runTaskFaults } from './serviceFaults.js';
import type { LocalServiceFaultInjector } from '../api/types.js';
import { notTruncated } from '../runtime/HistoryRecorder.js';

/**
 * How an activity Task's call is named when the scenario's faults are looked up for it
 * (`ServiceFaultCallRef.resourceType`; its `serviceAction` is the activity ARN).
 */
export const ACTIVITY_FAULT_RESOURCE_TYPE = 'activity';

/** A worker hang with no TimeoutSeconds to end it lasts at most this long (Step Functions' longest TimeoutSeconds). */
const noTimeoutSeconds = 99_999_999;

/** Scripted heartbeats one attempt may need before the engine calls the scenario unrunnable. */
const maxScriptedHeartbeats = 100_000;

type WorkEnd = { kind: 'answered'; answer: NonNullable<LocalActivityWorker['answer']> } | { kind: 'timedOut' };

/**
 * One attempt of an activity Task (Resource `arn:aws:states:REGION:ACCOUNT:activity:NAME`), with the
 * scenario's scripted worker: ActivityScheduled (resource, input, inputDetails, timeoutInSeconds,
 * heartbeatInSeconds), ActivityStarted (workerName) when the worker polls, then ActivitySucceeded
 * (output), ActivityFailed (error, cause) or ActivityTimedOut (`States.Timeout`). An activity that
 * cannot be scheduled gives ActivityScheduleFailed alone (when AWS writes it is UNCONFIRMED: for a deleted
 * activity it records no activity event but fails the execution with States.Runtime).
 *
 * TimeoutSeconds counts from ActivityScheduled, so the time until a worker polls counts toward it
 * (AWS: without TimeoutSeconds an activity Task waits for a worker indefinitely; the exact start of
 * the count is UNCONFIRMED). HeartbeatSeconds counts from ActivityStarted, as no heartbeat can come
 * before the worker holds the task token (UNCONFIRMED). ActivityTimedOut is written without a cause,
 * as TaskTimedOut is (UNCONFIRMED for activities). Timers due at the same instant fire in creation
 * order, so an expiry wins over a poll, heartbeat or answer due exactly then.
 *
 * @example
 * // in runTaskState: (scope, request) => runActivityAttempt(scope, request, activityResourceOf(state.Resource))
 */
export async function runActivityAttempt(
  scope: ExecutionScope,
  request: AttemptRequest,
  activity: ActivityResource,
): Promise<AttemptOutcome> {
  const { timeoutSeconds, heartbeatSeconds } = request;
  const stateName = request.visit.name;
  const worker = scope.integrations.activities?.({
    stateName,
    activityArn: activity.arn,
    activityName: activity.name,
    visit: request.visitNumber ?? 1,
    attempt: request.retryCount + 1,
  });
  if (worker === undefined) {
    throw new TargetError(
      `State "${stateName}" runs activity ${activity.name}, which has no worker in the local engine; script one under activities:`,
    );
  }
  if (worker.doesNotExist === true) {
    // Recorded on AWS (LocalStack's AWS-validated snapshot test_activity_task_on_deleted): no activity
    // event at all, ExecutionFailed with States.Runtime right after TaskStateEntered.
    throw new TerminalFailure(
      StatesErrorName.Runtime,
      stateFailureCause(stateName, request.visit.enteredEventId, `The activity ${activity.arn} does not exist.`),
    );
  }
  if (worker.scheduleFailure !== undefined) {
    const { error, cause } = worker.scheduleFailure;
    scope.history.append('ActivityScheduleFailed', {
      activityScheduleFailedEventDetails: { error, ...(cause === undefined ? {} : { cause }) },
    });
    return { ok: false, error, cause };
  }
  scope.history.append('ActivityScheduled', {
    activityScheduledEventDetails: {
      resource: activity.arn,
      input: request.effectiveInputText,
      inputDetails: notTruncated,
      ...(timeoutSeconds === undefined ? {} : { timeoutInSeconds: timeoutSeconds }),
      ...(heartbeatSeconds === undefined ? {} : { heartbeatInSeconds: heartbeatSeconds }),
    },
  });
  const faults = scope.integrations.serviceFaults?.({
    stateName,
    serviceAction: activity.arn,
    resourceType: ACTIVITY_FAULT_RESOURCE_TYPE,
    isSdkIntegration: false,
  });
  const end = await work(scope, request, worker, faults === undefined ? undefined : { injector: faults, activity });
  if (end.kind === 'timedOut') {
    scope.history.append('ActivityTimedOut', { activityTimedOutEventDetails: { error: StatesErrorName.Timeout } });
    return { ok: false, error: StatesErrorName.Timeout, cause: undefined };
  }
  const fail = (error: string | undefined, cause: string | undefined): AttemptOutcome => {
    const details: { error?: string; cause?: string } = {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    scope.history.append('ActivityFailed', { activityFailedEventDetails: details });
    // As for SendTaskFailure on a callback Task: no error name leaves the event without one (UNCONFIRMED).
    return { ok: false, error: error ?? '', cause };
  };
  if (end.answer.kind === 'failure') return fail(end.answer.error, end.answer.cause);
  const output = toJsonValue(end.answer.output);
  if (output === undefined) throw new TargetError(`The activity worker's output for "${stateName}" cannot be serialised to JSON`);
  // The cause names the activity ARN, as it names the function ARN of a legacy Lambda Task (UNCONFIRMED).
  if (exceedsPayloadLimit(output)) return fail(StatesErrorName.DataLimitExceeded, resultTooLargeCause(activity.arn));
  scope.history.append('ActivitySucceeded', {
    activitySucceededEventDetails: { output: toJsonText(output), outputDetails: notTruncated },
  });
  return { ok: true, result: output as JsonValue };
}

/** The worker's poll, heartbeats and answer on the virtual clock, against TimeoutSeconds and HeartbeatSeconds. */
async function work(
  scope: ExecutionScope,
  request: AttemptRequest,
  worker: LocalActivityWorker,
  faults: { injector: LocalServiceFaultInjector; activity: ActivityResource } | undefined,
): Promise<WorkEnd> {
  const { clock } = scope;
  const { timeoutSeconds, heartbeatSeconds } = request;
  const stateName = request.visit.name;
  const answers = worker.neverPolls !== true && worker.answer !== undefined;
  if (timeoutSeconds === undefined && !answers && (worker.neverPolls === true || heartbeatSeconds === undefined)) {
    throw new TargetError(
      `State "${stateName}": its activity worker ${worker.neverPolls === true ? 'never polls' : 'never answers'} and the state has no ` +
        'TimeoutSeconds or HeartbeatSeconds, so the execution would wait forever; give the worker an answer or the state a TimeoutSeconds',
    );
  }
  if (worker.heartbeatEverySeconds !== undefined) {
    const periodMs = worker.heartbeatEverySeconds * 1000;
    const lastsMs = [
      worker.answer === undefined ? undefined : (worker.afterSeconds ?? 0) * 1000,
      worker.heartbeatStopsAfterSeconds === undefined ? undefined : worker.heartbeatStopsAfterSeconds * 1000,
      timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    ].filter((ms): ms is number => ms !== undefined);
    if (lastsMs.length === 0 || Math.min(...lastsMs) / periodMs > maxScriptedHeartbeats) {
      throw new TargetError(
        `State "${stateName}": its activity worker heartbeats every ${worker.heartbeatEverySeconds} s for more than ${maxScriptedHeartbeats} heartbeats; ` +
          'give the worker an answer, heartbeatStopsAfter, or the state a shorter TimeoutSeconds',
      );
    }
  }
  const cancellers: (() => void)[] = [];
  let finish: (end: WorkEnd) => void = () => undefined;
  let abort: (error: unknown) => void = () => undefined;
  const ended = new Promise<WorkEnd>((resolve, reject) => {
    finish = resolve;
    abort = reject;
  });
  const scheduledAt = clock.now();
  let over = false;
  const end = (outcome: WorkEnd): void => {
    if (over) return;
    over = true;
    finish(outcome);
  };
  if (timeoutSeconds !== undefined) {
    const deadline = clock.schedule(timeoutSeconds * 1000, () => end({ kind: 'timedOut' }));
    cancellers.push(() => deadline.cancel());
  }
  const start = (): void => {
    if (over) return;
    scope.history.append('ActivityStarted', {
      activityStartedEventDetails: worker.workerName === undefined ? {} : { workerName: worker.workerName },
    });
    let heartbeatExpiry: { cancel(): void } | undefined;
    const armHeartbeat = (): void => {
      if (heartbeatSeconds === undefined) return;
      heartbeatExpiry?.cancel();
      heartbeatExpiry = clock.schedule(heartbeatSeconds * 1000, () => end({ kind: 'timedOut' }));
    };
    armHeartbeat();
    cancellers.push(() => heartbeatExpiry?.cancel());
    if (faults === undefined) {
      script(armHeartbeat);
      return;
    }
    // The scenario's faults run when the worker has the task, before it does anything: it is silent while
    // they wait (a latency, a hang), then follows its script; an error fault makes it answer SendTaskFailure.
    const limitSeconds = timeoutSeconds === undefined ? noTimeoutSeconds : Math.max(0, timeoutSeconds - (clock.now() - scheduledAt) / 1000);
    // Time is driven by the attempt's own wait below; the faults' invocation only waits alongside it.
    const alongside: ExecutionScope = { ...scope, waitFor: <T>(pending: Promise<T>): Promise<T> => pending };
    runTaskFaults(alongside, request, faults.injector, {
      name: faults.activity.name,
      arn: faults.activity.arn,
      limitSeconds,
      stateTimeoutSeconds: undefined,
    }).then((outcome) => {
      if (over) return;
      switch (outcome.kind) {
        case 'none':
          script(armHeartbeat);
          return;
        case 'error':
          end({
            kind: 'answered',
            answer: { kind: 'failure', error: outcome.error, ...(outcome.message === undefined ? {} : { cause: outcome.message }) },
          });
          return;
        case 'throttle':
          abort(
            new TargetError(`State "${stateName}": an activity worker has no throttling error; name the error with an error fault instead`),
          );
          return;
        case 'stateTimedOut':
        case 'hungPastLimit':
          // The hang lasted as long as the state's TimeoutSeconds, whose own timer (set first) ends the attempt.
          end({ kind: 'timedOut' });
          return;
      }
    }, abort);
  };
  const script = (armHeartbeat: () => void): void => {
    if (worker.heartbeatEverySeconds !== undefined) {
      const periodMs = worker.heartbeatEverySeconds * 1000;
      const stopsAtMs =
        worker.heartbeatStopsAfterSeconds === undefined ? undefined : clock.now() + worker.heartbeatStopsAfterSeconds * 1000;
      let nextBeat: { cancel(): void } | undefined;
      const beat = (): void => {
        nextBeat = clock.schedule(periodMs, () => {
          if (over || (stopsAtMs !== undefined && clock.now() > stopsAtMs)) return;
          armHeartbeat();
          beat();
        });
      };
      beat();
      cancellers.push(() => nextBeat?.cancel());
    }
    if (worker.answer !== undefined) {
      const answer = worker.answer;
      const delivery = clock.schedule((worker.afterSeconds ?? 0) * 1000, () => end({ kind: 'answered', answer }));
      cancellers.push(() => delivery.cancel());
    }
  };
  if (worker.neverPolls !== true) {
    const poll = clock.schedule((worker.pollsAfterSeconds ?? 0) * 1000, start);
    cancellers.push(() => poll.cancel());
  }
  try {
    return await scope.waitFor(ended);
  } finally {
    for (const cancel of cancellers) cancel();
  }
}
