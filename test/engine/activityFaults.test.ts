import { describe, expect, it } from '@jest/globals';
import type {
  LocalActivityWorker,
  LocalServiceFaultEffect,
  LocalServiceFaultResolver,
  ServiceFaultCallRef,
} from '../../src/engine/index.js';
import { TargetError } from '../../src/errors.js';
import { eventsOfType, offsetsOf, run, typesOf } from './helpers.js';

const activityArn = 'arn:aws:states:us-east-1:123456789012:activity:review';

function activityMachine(task: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Review order',
    States: { 'Review order': { Type: 'Task', Resource: activityArn, TimeoutSeconds: 300, End: true, ...task } },
  };
}

const approving: LocalActivityWorker = { pollsAfterSeconds: 5, afterSeconds: 20, answer: { kind: 'success', output: { approved: true } } };

/** Faults on the activity's worker: `effect` on the listed attempts, after waiting `delayMs` (or forever, with `hang`). */
function workerFaults(
  effect: LocalServiceFaultEffect,
  options: { attempts?: number[]; delayMs?: number; hang?: boolean } = {},
): LocalServiceFaultResolver & { calls: ServiceFaultCallRef[] } {
  const calls: ServiceFaultCallRef[] = [];
  const resolver: LocalServiceFaultResolver = (call) => {
    calls.push(call);
    return {
      async inject(_parameters, context) {
        const attempt = context.sfnChaos.retryCount + 1;
        if (options.attempts !== undefined && !options.attempts.includes(attempt)) return { kind: 'none' };
        if (options.hang) await context.sfnChaos.sleep(context.getRemainingTimeInMillis());
        if (options.delayMs !== undefined) await context.sfnChaos.sleep(options.delayMs);
        return effect;
      },
    };
  };
  return Object.assign(resolver, { calls });
}

describe('faults on activity workers', () => {
  it('an error fault makes the worker answer SendTaskFailure on the chosen attempt: ActivityFailed with the name given, then the retry succeeds', async () => {
    const serviceFaults = workerFaults({ kind: 'error', error: 'Review.Rejected', message: 'injected rejection' }, { attempts: [1] });
    const result = await run(activityMachine({ Retry: [{ ErrorEquals: ['Review.Rejected'], IntervalSeconds: 10, MaxAttempts: 1 }] }), [], {
      activities: () => approving,
      serviceFaults,
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(serviceFaults.calls[0]).toEqual({
      stateName: 'Review order',
      serviceAction: activityArn,
      resourceType: 'activity',
      isSdkIntegration: false,
    });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivityFailed',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'ActivityFailed')[0]?.activityFailedEventDetails).toEqual({
      error: 'Review.Rejected',
      cause: 'injected rejection',
    });
    // The fault answers as soon as the worker has the task (5 s); the retry's worker answers 20 s after it polls.
    expect(offsetsOf(result, 'ActivityFailed')).toEqual([5]);
    expect(offsetsOf(result, 'ActivitySucceeded')).toEqual([40]);
  });

  it('a latency delays the worker: its answer comes that much later', async () => {
    const result = await run(activityMachine(), [], {
      activities: () => approving,
      serviceFaults: workerFaults({ kind: 'none' }, { delayMs: 7_000 }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'ActivitySucceeded')).toEqual([32]);
  });

  it('a hang silences the worker, so HeartbeatSeconds ends the attempt with ActivityTimedOut', async () => {
    const result = await run(activityMachine({ HeartbeatSeconds: 30 }), [], {
      activities: () => ({ ...approving, heartbeatEverySeconds: 10 }),
      serviceFaults: workerFaults({ kind: 'none' }, { hang: true }),
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
    expect(eventsOfType(result, 'ActivityTimedOut')[0]?.activityTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
    expect(offsetsOf(result, 'ActivityTimedOut')).toEqual([35]);
  });

  it('a hang without HeartbeatSeconds lasts until TimeoutSeconds, counted from ActivityScheduled', async () => {
    const result = await run(activityMachine(), [], {
      activities: () => approving,
      serviceFaults: workerFaults({ kind: 'none' }, { hang: true }),
    });
    expect(result.error).toBe('States.Timeout');
    expect(offsetsOf(result, 'ActivityTimedOut')).toEqual([300]);
  });

  it('refuses a throttle: an activity worker has no throttling error', async () => {
    await expect(
      run(activityMachine(), [], { activities: () => approving, serviceFaults: workerFaults({ kind: 'throttle' }) }),
    ).rejects.toThrow(TargetError);
  });

  it('a worker that never polls never meets the fault', async () => {
    const serviceFaults = workerFaults({ kind: 'error', error: 'Never' });
    const result = await run(activityMachine(), [], { activities: () => ({ neverPolls: true }), serviceFaults });
    expect(result.error).toBe('States.Timeout');
    expect(eventsOfType(result, 'ActivityFailed')).toHaveLength(0);
  });
});
