import { describe, expect, it } from '@jest/globals';
import type { LocalActivityWorker, LocalActivityWorkerResolver } from '../../src/engine/index.js';
import { findDefinitionIssues } from '../../src/engine/index.js';
import { eventsOfType, offsetsOf, run, typesOf } from './helpers.js';

const activityArn = 'arn:aws:states:us-east-1:123456789012:activity:review';

/** One activity Task, then the end (or what `extraStates` adds). */
function activityMachine(task: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Review order',
    States: {
      'Review order': { Type: 'Task', Resource: activityArn, TimeoutSeconds: 300, End: true, ...task },
      ...extraStates,
    },
  };
}

const always =
  (worker: LocalActivityWorker): LocalActivityWorkerResolver =>
  () =>
    worker;

describe('activity Tasks', () => {
  it('is accepted by the definition checks', () => {
    expect(findDefinitionIssues(activityMachine({ HeartbeatSeconds: 60 }))).toEqual([]);
  });

  it('records ActivityScheduled, ActivityStarted and ActivitySucceeded in AWS shape', async () => {
    const result = await run(activityMachine({ HeartbeatSeconds: 60 }), [], {
      input: { order: 7 },
      activities: always({
        pollsAfterSeconds: 5,
        workerName: 'reviewer-1',
        afterSeconds: 20,
        answer: { kind: 'success', output: { approved: true } },
      }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'ActivityScheduled')[0]?.activityScheduledEventDetails).toEqual({
      resource: activityArn,
      input: '{"order":7}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 300,
      heartbeatInSeconds: 60,
    });
    expect(eventsOfType(result, 'ActivityStarted')[0]?.activityStartedEventDetails).toEqual({ workerName: 'reviewer-1' });
    expect(eventsOfType(result, 'ActivitySucceeded')[0]?.activitySucceededEventDetails).toEqual({
      output: '{"approved":true}',
      outputDetails: { truncated: false },
    });
    expect(offsetsOf(result, 'ActivityStarted')).toEqual([5]);
    expect(offsetsOf(result, 'ActivitySucceeded')).toEqual([25]);
    expect(result.output).toBe('{"approved":true}');
  });

  it('times out with States.Timeout when no worker polls: the wait for a poll counts toward TimeoutSeconds', async () => {
    const result = await run(activityMachine({ TimeoutSeconds: 30 }), [], { activities: always({ neverPolls: true }) });
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityTimedOut', 'ExecutionFailed']);
    expect(eventsOfType(result, 'ActivityTimedOut')[0]?.activityTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
    expect(offsetsOf(result, 'ActivityTimedOut')).toEqual([30]);
    expect(result.error).toBe('States.Timeout');
  });

  it('times out a worker that polls late and answers past TimeoutSeconds, counted from ActivityScheduled', async () => {
    const result = await run(activityMachine({ TimeoutSeconds: 30 }), [], {
      activities: always({ pollsAfterSeconds: 20, afterSeconds: 15, answer: { kind: 'success', output: {} } }),
    });
    expect(typesOf(result)).toContain('ActivityTimedOut');
    expect(offsetsOf(result, 'ActivityTimedOut')).toEqual([30]);
  });

  it('times out on HeartbeatSeconds once the worker stops heartbeating', async () => {
    const result = await run(activityMachine({ TimeoutSeconds: 600, HeartbeatSeconds: 30 }), [], {
      activities: always({ pollsAfterSeconds: 10, heartbeatEverySeconds: 20, heartbeatStopsAfterSeconds: 60 }),
    });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivityTimedOut',
      'ExecutionFailed',
    ]);
    // Started at 10 s; heartbeats at 30, 50 and 70 s; none at 90 s; expiry 30 s after the last one.
    expect(offsetsOf(result, 'ActivityTimedOut')).toEqual([100]);
    expect(eventsOfType(result, 'ActivityTimedOut')[0]?.activityTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
  });

  it('keeps a heartbeating worker alive past HeartbeatSeconds until it answers', async () => {
    const result = await run(activityMachine({ TimeoutSeconds: 600, HeartbeatSeconds: 30 }), [], {
      activities: always({ heartbeatEverySeconds: 20, afterSeconds: 200, answer: { kind: 'success', output: { done: 1 } } }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'ActivitySucceeded')).toEqual([200]);
  });

  it('catches ActivityFailed with the error and cause the worker sent', async () => {
    const result = await run(
      activityMachine(
        { Catch: [{ ErrorEquals: ['Review.Rejected'], Next: 'Rejected' }], End: undefined, Next: 'Done' },
        { Done: { Type: 'Succeed' }, Rejected: { Type: 'Pass', End: true } },
      ),
      [],
      { activities: always({ answer: { kind: 'failure', error: 'Review.Rejected', cause: 'missing address' } }) },
    );
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivityFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'ActivityFailed')[0]?.activityFailedEventDetails).toEqual({
      error: 'Review.Rejected',
      cause: 'missing address',
    });
    expect(JSON.parse(result.output ?? '{}')).toEqual({ Error: 'Review.Rejected', Cause: 'missing address' });
  });

  it('retries a failed attempt with a new ActivityScheduled, after the retrier interval', async () => {
    const result = await run(activityMachine({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 4, MaxAttempts: 2 }] }), [], {
      activities: ({ attempt }) =>
        attempt === 1
          ? { answer: { kind: 'failure', error: 'Worker.Busy' } }
          : { afterSeconds: 1, answer: { kind: 'success', output: { ok: true } } },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(eventsOfType(result, 'ActivityScheduled')).toHaveLength(2);
    expect(offsetsOf(result, 'ActivityScheduled')).toEqual([0, 4]);
    expect(offsetsOf(result, 'ActivitySucceeded')).toEqual([5]);
  });

  it('records ActivityScheduleFailed alone when the activity cannot be scheduled', async () => {
    const result = await run(activityMachine(), [], {
      activities: always({ scheduleFailure: { error: 'States.Runtime', cause: 'activity does not exist' } }),
    });
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduleFailed', 'ExecutionFailed']);
    expect(eventsOfType(result, 'ActivityScheduleFailed')[0]?.activityScheduleFailedEventDetails).toEqual({
      error: 'States.Runtime',
      cause: 'activity does not exist',
    });
  });

  it('fails the execution with States.Runtime and no activity event when the activity does not exist (AWS recording)', async () => {
    const result = await run(activityMachine(), [], { activities: always({ doesNotExist: true }) });
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      `An error occurred while executing the state 'Review order' (entered at the event id #2). The activity ${activityArn} does not exist.`,
    );
  });

  it('records ActivityStarted with empty details when the worker gives no name (AWS recording)', async () => {
    const result = await run(activityMachine(), [], { activities: always({ answer: { kind: 'success', output: {} } }) });
    expect(eventsOfType(result, 'ActivityStarted')[0]?.activityStartedEventDetails).toEqual({});
  });

  it('refuses to run an activity without a scripted worker', async () => {
    await expect(run(activityMachine())).rejects.toThrow(/no worker in the local engine; script one under activities:/);
  });
});
