import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { withFields } from '../../withFields.js';
import type { ExecutionScope, StateVisit } from '../runtime/ExecutionScope.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { toJsonText, type JsonValue } from '../data/json.js';
import { IntegrationPattern, type ServiceTaskResource } from './serviceIntegrations.js';
import { exceedsPayloadLimit } from '../visit/stateIo.js';
import { TaskTokenRejection, type TaskAnswer } from '../runtime/taskTokens.js';
import { TargetError } from '../../errors.js';
import type { TaskState } from '../asl/definitionTypes.js';
import { notTruncated } from '../runtime/HistoryRecorder.js';

/**
 * What one attempt of a Task produced: its result, or the error Retry and Catch will look at.
 * `resultText`, when set, is the result's JSON text as already written to the history.
 */
export type AttemptOutcome = { ok: true; result: JsonValue; resultText?: string } | { ok: false; error: string; cause: string | undefined };

export interface AttemptRequest {
  visit: StateVisit;
  state: TaskState;
  /** The state's effective input (after InputPath and Parameters). */
  effectiveInput: JsonValue;
  /** Its JSON text (the scheduled event's input, and the handler's copy of the payload). */
  effectiveInputText: string;
  timeoutSeconds: number | undefined;
  retryCount: number;
  /** The attempt's HeartbeatSeconds (only `.waitForTaskToken` tasks have one). */
  heartbeatSeconds?: number | undefined;
  /** The attempt's `$$.Task.Token` (only `.waitForTaskToken` tasks have one). */
  taskToken?: string | undefined;
  /** 1-based visit of the state in this execution, for scripted callback answers. */
  visitNumber?: number;
  /** The evaluated `Credentials` of the state (`RoleArn`), shown on the scheduled event. */
  taskCredentials?: { roleArn: string };
}

/** What the service call itself (before any callback) came back with. */
export type ServiceCallOutcome =
  | { kind: 'returned'; value: JsonValue }
  | { kind: 'failed'; error: string; cause: string | undefined }
  /** The state's TimeoutSeconds expired during the call. */
  | { kind: 'stateTimedOut' };

/**
 * The cause AWS recorded for a `lambda:invoke` result over 256 KiB (`'lambda'`), and for a legacy
 * Lambda-ARN Task (the function ARN). For other services the name in quotes is assumed to be the
 * resource type: UNCONFIRMED.
 */
export function resultTooLargeCause(resourceType: string): string {
  return `The state/task '${resourceType}' returned a result with a size exceeding the maximum number of bytes service limit.`;
}

/** Scripted heartbeats one wait may need before the engine calls the scenario unrunnable. */
const maxScriptedHeartbeats = 100_000;

type WaitEnd = { kind: 'answered'; answer: TaskAnswer } | { kind: 'timedOut' };

/**
 * One attempt of a Task that goes through a service integration (`arn:aws:states:::…`): TaskScheduled,
 * TaskStarted, then the call. A request-response task ends with the call (TaskSucceeded / TaskFailed
 * / TaskTimedOut). A `.waitForTaskToken` task records the call's response as TaskSubmitted and then
 * pauses on the virtual clock until its token is answered (TaskSucceeded / TaskFailed) or its
 * HeartbeatSeconds or TimeoutSeconds run out (TaskTimedOut).
 *
 * `call` receives the seconds left of the state's TimeoutSeconds, which counts from TaskStarted.
 */
export async function runServiceTaskAttempt(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
  call: (timeoutSeconds: number | undefined) => Promise<ServiceCallOutcome>,
): Promise<AttemptOutcome> {
  const names = { resourceType: resource.resourceType, resource: resource.resource };
  const { timeoutSeconds, heartbeatSeconds, taskToken } = request;
  scope.history.append('TaskScheduled', {
    taskScheduledEventDetails: taskScheduledDetailsOf(scope, request, names, heartbeatSeconds),
  });
  scope.history.append('TaskStarted', { taskStartedEventDetails: { ...names } });
  const startedAt = scope.clock.now();
  const fail = (error: string | undefined, cause: string | undefined): AttemptOutcome => {
    const details: { error?: string; cause?: string } = {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    scope.history.append('TaskFailed', { taskFailedEventDetails: withFields(names, details) });
    // A SendTaskFailure without an error name leaves the event without one; what Retry and Catch then
    // match against is UNCONFIRMED: the empty name, which only States.ALL and States.TaskFailed match.
    return { ok: false, error: error ?? '', cause };
  };
  const timedOut = (): AttemptOutcome => {
    scope.history.append('TaskTimedOut', { taskTimedOutEventDetails: withFields(names, { error: StatesErrorName.Timeout }) });
    return { ok: false, error: StatesErrorName.Timeout, cause: undefined };
  };
  const succeed = (type: 'TaskSucceeded' | 'TaskSubmitted', output: JsonValue): AttemptOutcome => {
    const details = withFields(names, { output: toJsonText(output), outputDetails: notTruncated });
    scope.history.append(type, type === 'TaskSucceeded' ? { taskSucceededEventDetails: details } : { taskSubmittedEventDetails: details });
    return { ok: true, result: output };
  };

  try {
    const outcome = await call(timeoutSeconds);
    if (outcome.kind === 'failed') return fail(outcome.error, outcome.cause);
    if (outcome.kind === 'stateTimedOut') return timedOut();
    if (exceedsPayloadLimit(outcome.value)) return fail(StatesErrorName.DataLimitExceeded, resultTooLargeCause(resource.resourceType));
    if (resource.pattern !== IntegrationPattern.WaitForTaskToken || taskToken === undefined) return succeed('TaskSucceeded', outcome.value);

    succeed('TaskSubmitted', outcome.value);
    const remainingMs = timeoutSeconds === undefined ? undefined : Math.max(0, timeoutSeconds * 1000 - (scope.clock.now() - startedAt));
    const end = await waitForAnswer(scope, request, taskToken, remainingMs);
    if (end.kind === 'timedOut') return timedOut();
    if (end.answer.kind === 'failure') return fail(end.answer.error, end.answer.cause);
    if (exceedsPayloadLimit(end.answer.output)) return fail(StatesErrorName.DataLimitExceeded, resultTooLargeCause(resource.resourceType));
    return succeed('TaskSucceeded', end.answer.output);
  } finally {
    if (taskToken !== undefined) scope.integrations.taskTokens.close(taskToken);
  }
}

/**
 * Waits for the task token's answer: from a handler (`context.sfnChaos.sendTask…`) or scripted by
 * the scenario. Heartbeat expiry is reported as `States.Timeout`, as an AWS recording shows, although
 * AWS documents a `States.HeartbeatTimeout` error; whether that name is ever used is UNCONFIRMED.
 * The heartbeat period is counted from the submission (TaskSubmitted): UNCONFIRMED, AWS does not say
 * whether it starts at TaskStarted instead. Timers due at the same instant fire in creation order, so
 * an expiry wins over an answer or heartbeat that comes exactly when it is due.
 */
async function waitForAnswer(
  scope: ExecutionScope,
  request: AttemptRequest,
  taskToken: string,
  remainingMs: number | undefined,
): Promise<WaitEnd> {
  const { clock } = scope;
  const cancellers: (() => void)[] = [];
  let finish: (end: WaitEnd) => void = () => undefined;
  const ended = new Promise<WaitEnd>((resolve) => {
    finish = resolve;
  });
  let heartbeatExpiry: { cancel(): void } | undefined;
  const armHeartbeat = (): void => {
    if (request.heartbeatSeconds === undefined) return;
    heartbeatExpiry?.cancel();
    heartbeatExpiry = clock.schedule(request.heartbeatSeconds * 1000, () => finish({ kind: 'timedOut' }));
  };
  armHeartbeat();
  cancellers.push(() => heartbeatExpiry?.cancel());
  if (remainingMs !== undefined) {
    const deadline = clock.schedule(remainingMs, () => finish({ kind: 'timedOut' }));
    cancellers.push(() => deadline.cancel());
  }

  const tokens = scope.integrations.taskTokens;
  const scripted = scope.integrations.callbacks?.({
    stateName: request.visit.name,
    visit: request.visitNumber ?? 1,
    attempt: request.retryCount + 1,
  });
  // A scripted message may come after the attempt already ended at the same instant; the API would
  // refuse it, and nobody is there to hear the refusal.
  const send = (message: () => void): void => {
    try {
      message();
    } catch (error) {
      if (!(error instanceof TaskTokenRejection)) throw error;
    }
  };
  if (scripted?.heartbeatEverySeconds !== undefined) {
    const periodMs = scripted.heartbeatEverySeconds * 1000;
    const lastsMs = scripted.answer !== undefined ? (scripted.afterSeconds ?? 0) * 1000 : remainingMs;
    if (lastsMs === undefined || lastsMs / periodMs > maxScriptedHeartbeats) {
      throw new TargetError(
        `State "${request.visit.name}": scripted heartbeats every ${scripted.heartbeatEverySeconds} s with no answer and ` +
          `${remainingMs === undefined ? 'no TimeoutSeconds' : `TimeoutSeconds ${Math.round(remainingMs / 1000)} s`} would keep the task ` +
          `waiting for more than ${maxScriptedHeartbeats} heartbeats; give the callback an answer or the state a shorter TimeoutSeconds`,
      );
    }
    let nextBeat: { cancel(): void } | undefined;
    const beat = (): void => {
      nextBeat = clock.schedule(periodMs, () => {
        send(() => tokens.sendTaskHeartbeat(taskToken));
        beat();
      });
    };
    beat();
    cancellers.push(() => nextBeat?.cancel());
  }
  if (scripted?.answer !== undefined) {
    const answer = scripted.answer;
    const delivery = clock.schedule((scripted.afterSeconds ?? 0) * 1000, () =>
      send(() => {
        if (answer.kind === 'success') tokens.sendTaskSuccess(taskToken, answer.output);
        else tokens.sendTaskFailure(taskToken, answer);
      }),
    );
    cancellers.push(() => delivery.cancel());
  }

  tokens.listen(taskToken, { onAnswer: (answer) => finish({ kind: 'answered', answer }), onHeartbeat: armHeartbeat });
  try {
    return await scope.waitFor(ended);
  } finally {
    for (const cancel of cancellers) cancel();
  }
}

/**
 * A service task attempt's `TaskScheduled` details. Built field by field, not from a spread of `names`
 * (see withFields): a spread copy that gains keys has a hidden class of its own.
 */
export function taskScheduledDetailsOf(
  scope: ExecutionScope,
  request: AttemptRequest,
  names: { resourceType: string; resource: string },
  heartbeatSeconds: number | undefined,
): NonNullable<HistoryEvent['taskScheduledEventDetails']> {
  const details: NonNullable<HistoryEvent['taskScheduledEventDetails']> = {
    resourceType: names.resourceType,
    resource: names.resource,
    region: scope.identity.region,
    parameters: request.effectiveInputText,
  };
  if (request.timeoutSeconds !== undefined) details.timeoutInSeconds = request.timeoutSeconds;
  if (heartbeatSeconds !== undefined) details.heartbeatInSeconds = heartbeatSeconds;
  if (request.taskCredentials !== undefined) details.taskCredentials = request.taskCredentials;
  return details;
}
