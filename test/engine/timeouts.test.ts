import { describe, expect, it } from '@jest/globals';
import { TargetError } from '../../src/errors.js';
import type { LocalLambdaContext } from '../../src/engine/index.js';
import { eventsOfType, localFunction, offsetsOf, parsed, run, singleInvokeTask, singleTask, typesOf } from './helpers.js';

const sleeper = (seconds: number, options: { timeoutSeconds?: number } = {}) =>
  localFunction(
    'slow',
    async (event: unknown, context: LocalLambdaContext) => {
      await context.sfnChaos.sleep(seconds * 1000);
      return event;
    },
    { timeoutSeconds: options.timeoutSeconds ?? 900 },
  );

describe('state TimeoutSeconds (States.Timeout)', () => {
  it('legacy resource: LambdaFunctionTimedOut without a cause, then ExecutionFailed', async () => {
    const result = await run(singleTask('slow', { TimeoutSeconds: 5 }), [sleeper(60)]);
    expect(typesOf(result).slice(2)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionTimedOut',
      'ExecutionFailed',
    ]);
    expect(eventsOfType(result, 'LambdaFunctionScheduled')[0]?.lambdaFunctionScheduledEventDetails?.timeoutInSeconds).toBe(5);
    expect(eventsOfType(result, 'LambdaFunctionTimedOut')[0]?.lambdaFunctionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
    expect(result.events.at(-1)?.executionFailedEventDetails).toEqual({ error: 'States.Timeout' });
    expect(offsetsOf(result, 'LambdaFunctionTimedOut')).toEqual([5]);
    expect(result.cause).toBeUndefined();
  });

  it('lambda:invoke: TaskTimedOut naming the resource; a catcher sees Cause ""', async () => {
    const result = await run(
      singleInvokeTask(
        'slow',
        { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late', ResultPath: '$.error' }], Next: 'Late' },
        {
          Late: { Type: 'Pass', End: true },
        },
      ),
      [sleeper(60)],
      { input: { job: 1 } },
    );
    expect(eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails?.timeoutInSeconds).toBe(5);
    expect(eventsOfType(result, 'TaskTimedOut')[0]?.taskTimedOutEventDetails).toEqual({
      error: 'States.Timeout',
      resource: 'invoke',
      resourceType: 'lambda',
    });
    expect(parsed(result.output)).toEqual({ job: 1, error: { Error: 'States.Timeout', Cause: '' } });
  });

  it('does not stop the function: a timed-out attempt runs on and finishes its work while the state retries', async () => {
    const finishedAt: number[] = [];
    const charge = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        await context.sfnChaos.sleep(5000);
        finishedAt.push((context.sfnChaos.now() - Date.parse('2025-01-01T00:00:00.000Z')) / 1000);
        return { charged: true };
      },
      { timeoutSeconds: 900 },
    );
    const result = await run(
      singleTask(
        'slow',
        {
          TimeoutSeconds: 2,
          Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Settle' }],
          Next: 'Settle',
        },
        { Settle: { Type: 'Wait', Seconds: 60, End: true } },
      ),
      [charge],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'LambdaFunctionTimedOut')).toEqual([2, 5]);
    // Both attempts charged, each 5 s after it started, long after the state gave up on it.
    expect(finishedAt).toEqual([5, 8]);
  });

  it("lets the function's own timeout stop a timed-out attempt that runs on", async () => {
    let finished = 0;
    const slow = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        await context.sfnChaos.sleep(5000);
        finished += 1;
      },
      { timeoutSeconds: 4 },
    );
    const result = await run(
      singleTask(
        'slow',
        { TimeoutSeconds: 2, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Settle' }], Next: 'Settle' },
        { Settle: { Type: 'Wait', Seconds: 60, End: true } },
      ),
      [slow],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(finished).toBe(0);
  });

  it('applies to each attempt, counted from its Started event', async () => {
    const result = await run(
      singleTask('slow', { TimeoutSeconds: 2, Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 2 }] }),
      [sleeper(10)],
    );
    expect(offsetsOf(result, 'LambdaFunctionStarted')).toEqual([0, 3, 7]);
    expect(offsetsOf(result, 'LambdaFunctionTimedOut')).toEqual([2, 5, 9]);
  });

  it('reads TimeoutSecondsPath from the input', async () => {
    const result = await run(singleTask('slow', { TimeoutSecondsPath: '$.limit' }), [sleeper(60)], { input: { limit: 7 } });
    expect(eventsOfType(result, 'LambdaFunctionScheduled')[0]?.lambdaFunctionScheduledEventDetails?.timeoutInSeconds).toBe(7);
    expect(offsetsOf(result, 'LambdaFunctionTimedOut')).toEqual([7]);
  });

  it('fails with States.Runtime when TimeoutSecondsPath does not select a positive integer', async () => {
    const result = await run(singleTask('slow', { TimeoutSecondsPath: '$.limit' }), [sleeper(1)], { input: { limit: 'soon' } });
    expect(result.error).toBe('States.Runtime');
  });

  it('is not matched by States.TaskFailed', async () => {
    const result = await run(
      singleTask(
        'slow',
        { TimeoutSeconds: 1, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], Next: 'Caught' },
        { Caught: { Type: 'Succeed' } },
      ),
      [sleeper(5)],
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
  });

  it('lets a handler that finishes in time succeed', async () => {
    const result = await run(singleTask('slow', { TimeoutSeconds: 5 }), [sleeper(4)], { input: { v: 1 } });
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'LambdaFunctionSucceeded')).toEqual([4]);
  });
});

describe("the function's own timeout (Sandbox.Timedout)", () => {
  it('is a function error: LambdaFunctionFailed with the Lambda timeout payload', async () => {
    const result = await run(singleTask('slow'), [sleeper(10, { timeoutSeconds: 3 })]);
    const failed = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe('Sandbox.Timedout');
    const payload = JSON.parse(failed?.cause ?? '{}') as { errorType: string; errorMessage: string };
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 3\.00 seconds$/);
    expect(offsetsOf(result, 'LambdaFunctionFailed')).toEqual([3]);
  });

  it('is matched by States.TaskFailed but not by States.Timeout', async () => {
    const states = { TaskFailed: { Type: 'Succeed' }, Timeout: { Type: 'Succeed' } };
    const result = await run(
      singleInvokeTask(
        'slow',
        {
          Catch: [
            { ErrorEquals: ['States.Timeout'], Next: 'Timeout' },
            { ErrorEquals: ['States.TaskFailed'], Next: 'TaskFailed' },
          ],
          Next: 'TaskFailed',
        },
        states,
      ),
      [sleeper(10, { timeoutSeconds: 3 })],
    );
    expect(eventsOfType(result, 'TaskFailed')[0]?.taskFailedEventDetails?.error).toBe('Sandbox.Timedout');
    expect(eventsOfType(result, 'SucceedStateEntered')[0]?.stateEnteredEventDetails?.name).toBe('TaskFailed');
  });

  it('loses to a state timeout that expires at the same moment', async () => {
    const result = await run(singleTask('slow', { TimeoutSeconds: 3 }), [sleeper(10, { timeoutSeconds: 3 })]);
    expect(typesOf(result)).toContain('LambdaFunctionTimedOut');
  });

  it('shows in getRemainingTimeInMillis on the virtual clock', async () => {
    const remaining: number[] = [];
    const fn = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        remaining.push(context.getRemainingTimeInMillis());
        await context.sfnChaos.sleep(1500);
        remaining.push(context.getRemainingTimeInMillis());
        return null;
      },
      { timeoutSeconds: 3 },
    );
    await run(singleTask('slow'), [fn]);
    expect(remaining).toEqual([3000, 1500]);
  });
});

describe('virtual time and real work', () => {
  it('does not advance while a handler awaits real I/O, so a timeout cannot fire early', async () => {
    const fn = localFunction(
      'slow',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { fetched: true };
      },
      { timeoutSeconds: 1 },
    );
    const result = await run(singleTask('slow', { TimeoutSeconds: 1 }), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'LambdaFunctionSucceeded')).toEqual([0]);
  });

  it('counts only virtual sleeps, mixed with real I/O, towards the timeout', async () => {
    const fn = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        for (let step = 0; step < 3; step++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await context.sfnChaos.sleep(2000);
        }
        return 'done';
      },
      { timeoutSeconds: 60 },
    );
    const result = await run(singleTask('slow', { TimeoutSeconds: 5 }), [fn]);
    expect(typesOf(result)).toContain('LambdaFunctionTimedOut');
    expect(offsetsOf(result, 'LambdaFunctionTimedOut')).toEqual([5]);
  });

  it('runs a 70 s backoff in far less real time', async () => {
    const started = Date.now();
    const fn = localFunction('slow', async () => Promise.reject(new Error('no')));
    const result = await run(singleTask('slow', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 3 }] }), [fn]);
    expect((result.stopDate.getTime() - result.startDate.getTime()) / 1000).toBe(70);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails with a TargetError instead of hanging when a handler never finishes nor sleeps', async () => {
    const stuck = localFunction('slow', () => new Promise(() => undefined));
    await expect(run(singleTask('slow', { TimeoutSeconds: 5 }), [stuck], { handlerRealTimeLimitMs: 100 })).rejects.toThrow(TargetError);
    await expect(run(singleTask('slow', { TimeoutSeconds: 5 }), [stuck], { handlerRealTimeLimitMs: 100 })).rejects.toThrow(
      /handler of function "slow" \(state "Work", attempt 1\) neither finished nor slept/,
    );
  });

  it('refuses a negative sleep instead of silently ignoring it', async () => {
    const fn = localFunction('slow', async (_event: unknown, context: LocalLambdaContext) => context.sfnChaos.sleep(-5));
    await expect(run(singleTask('slow'), [fn])).rejects.toThrow(/sleep\(-5\)/);
  });
});

describe('execution TimeoutSeconds', () => {
  it('ends the execution with ExecutionTimedOut and status TIMED_OUT', async () => {
    const definition = {
      TimeoutSeconds: 10,
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true } },
    };
    const result = await run(definition, [sleeper(60)]);
    expect(result.status).toBe('TIMED_OUT');
    expect(typesOf(result).slice(-2)).toEqual(['LambdaFunctionStarted', 'ExecutionTimedOut']);
    expect(result.events.at(-1)?.executionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
    expect(offsetsOf(result, 'ExecutionTimedOut')).toEqual([10]);
    expect(result.error).toBeUndefined();
  });

  it('also interrupts Wait states and retry backoff', async () => {
    const definition = { TimeoutSeconds: 3, StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 60, End: true } } };
    const result = await run(definition);
    expect(result.status).toBe('TIMED_OUT');
    expect((result.stopDate.getTime() - result.startDate.getTime()) / 1000).toBe(3);
  });

  it('wins over a timer due at the same instant', async () => {
    const definition = {
      TimeoutSeconds: 5,
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: 5, Next: 'Done' }, Done: { Type: 'Succeed' } },
    };
    const result = await run(definition);
    expect(result.status).toBe('TIMED_OUT');
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
  });
});

describe('Standard execution maximum duration (1 year)', () => {
  const yearSeconds = 365 * 24 * 60 * 60;

  it('times out a Wait longer than a year, at the year, without TimeoutSeconds', async () => {
    const result = await run({ StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 400 * 24 * 60 * 60, End: true } } });
    expect(result.status).toBe('TIMED_OUT');
    expect(offsetsOf(result, 'ExecutionTimedOut')).toEqual([yearSeconds]);
    expect(result.events.at(-1)?.executionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
  });

  it('ends a retry backoff that grows past the year, with every event at a real instant', async () => {
    const fn = localFunction('flaky', async () => Promise.reject(Object.assign(new Error('busy'), { name: 'Busy' })));
    const definition = {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, BackoffRate: 1e6, MaxAttempts: 100 }],
          End: true,
        },
      },
    };
    const result = await run(definition, [fn]);
    expect(result.status).toBe('TIMED_OUT');
    // 1 s, 10^6 s, then 10^12 s: the third retry would come long after the year.
    expect(offsetsOf(result, 'LambdaFunctionScheduled')).toEqual([0, 1, 1_000_001]);
    expect(offsetsOf(result, 'ExecutionTimedOut')).toEqual([yearSeconds]);
    expect(result.events.every((event) => Number.isFinite((event.timestamp as Date).getTime()))).toBe(true);
  });

  it('keeps the shorter of TimeoutSeconds and the year', async () => {
    const result = await run({
      TimeoutSeconds: 99999999,
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: 99999998, End: true } },
    });
    expect(result.status).toBe('TIMED_OUT');
    expect(offsetsOf(result, 'ExecutionTimedOut')).toEqual([yearSeconds]);
  });
});
