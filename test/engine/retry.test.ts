import { describe, expect, it } from '@jest/globals';
import { createRandom } from '../../src/random.js';
import {
  backoffGaps,
  eventsOfType,
  failingThenSucceeding,
  localFunction,
  namedError,
  parsed,
  run,
  singleInvokeTask,
  singleTask,
  typesOf,
} from './helpers.js';

const alwaysFailing = (name = 'HTTPError') => localFunction('flaky', async () => Promise.reject(namedError(name)));

describe('Retry: attempts', () => {
  it('MaxAttempts counts retries: 3 means 4 invocations, then the error leaves the state', async () => {
    const handler = failingThenSucceeding(['HTTPError', 'HTTPError', 'HTTPError', 'HTTPError', 'HTTPError']);
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['HTTPError'], MaxAttempts: 3 }] }), [
      localFunction('flaky', handler),
    ]);
    expect(handler.calls).toBe(4);
    expect(eventsOfType(result, 'LambdaFunctionScheduled')).toHaveLength(4);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('HTTPError');
    expect(typesOf(result).slice(-2)).toEqual(['LambdaFunctionFailed', 'ExecutionFailed']);
  });

  it('defaults to 3 retries when MaxAttempts is absent, and succeeds once an attempt succeeds', async () => {
    const handler = failingThenSucceeding(['HTTPError', 'HTTPError', 'HTTPError'], { done: true });
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'] }] }), [localFunction('flaky', handler)]);
    expect(handler.calls).toBe(4);
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ done: true });
  });

  it('MaxAttempts 0 never retries', async () => {
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }), [alwaysFailing()]);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'ExecutionFailed',
    ]);
  });

  it('an error no retrier matches is not retried', async () => {
    const handler = failingThenSucceeding(['ValidationError']);
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['HTTPError'] }] }), [localFunction('flaky', handler)]);
    expect(handler.calls).toBe(1);
    expect(result.error).toBe('ValidationError');
  });

  it('links each retry to the failure before it and enters the state only once', async () => {
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }] }), [alwaysFailing()]);
    const [first, second] = eventsOfType(result, 'LambdaFunctionScheduled');
    expect(first?.previousEventId).toBe(2);
    expect(second?.previousEventId).toBe((second?.id ?? 0) - 1);
    expect(result.events[(second?.id ?? 0) - 2]?.type).toBe('LambdaFunctionFailed');
    expect(eventsOfType(result, 'TaskStateEntered')).toHaveLength(1);
  });
});

describe('Retry: backoff measured in the history', () => {
  it('doubles by default: IntervalSeconds 10 gives gaps of 10, 20, 40 s', async () => {
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10 }] }), [alwaysFailing()]);
    expect(backoffGaps(result)).toEqual([10, 20, 40]);
  });

  it('defaults to IntervalSeconds 1 and BackoffRate 2', async () => {
    const result = await run(singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'] }] }), [alwaysFailing()]);
    expect(backoffGaps(result)).toEqual([1, 2, 4]);
  });

  it('applies a fractional BackoffRate', async () => {
    const result = await run(
      singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 2 }] }),
      [alwaysFailing()],
    );
    expect(backoffGaps(result)).toEqual([3, 4.5]);
  });

  it('caps waits at MaxDelaySeconds: Interval 3, rate 2, cap 5 gives 3, 5, 5', async () => {
    const result = await run(
      singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, BackoffRate: 2, MaxDelaySeconds: 5 }] }),
      [alwaysFailing()],
    );
    expect(backoffGaps(result)).toEqual([3, 5, 5]);
  });

  it('FULL jitter draws each wait from [0, capped wait], repeatably for a seed', async () => {
    const definition = singleTask('flaky', {
      Retry: [
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 6, MaxDelaySeconds: 10, JitterStrategy: 'FULL' },
      ],
    });
    const caps = [2, 4, 8, 10, 10, 10];
    const first = backoffGaps(await run(definition, [alwaysFailing()], { random: createRandom(7) }));
    const again = backoffGaps(await run(definition, [alwaysFailing()], { random: createRandom(7) }));
    const otherSeed = backoffGaps(await run(definition, [alwaysFailing()], { random: createRandom(8) }));
    expect(first).toHaveLength(6);
    first.forEach((gap, index) => {
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(caps[index] as number);
    });
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    // Jitter really varies the wait rather than always picking the cap.
    expect(first.some((gap, index) => gap < (caps[index] as number))).toBe(true);
  });

  it('uses the random source for FULL jitter only', async () => {
    let draws = 0;
    const random = () => {
      draws += 1;
      return 0.5;
    };
    const none = await run(
      singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, JitterStrategy: 'NONE' }] }),
      [alwaysFailing()],
      { random },
    );
    expect(draws).toBe(0);
    expect(backoffGaps(none)).toEqual([1, 2]);
    const full = await run(
      singleTask('flaky', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, JitterStrategy: 'FULL' }] }),
      [alwaysFailing()],
      { random },
    );
    expect(draws).toBe(2);
    expect(backoffGaps(full)).toEqual([0.5, 1]);
  });
});

describe('Retry: which retrier applies', () => {
  it('the first matching retrier decides, with no fall-through once it is exhausted', async () => {
    // AWS's "retry everything except timeouts" pattern.
    const slow = localFunction('flaky', async (_event, context) => context.sfnChaos.sleep(10_000), { timeoutSeconds: 60 });
    const result = await run(
      singleTask('flaky', {
        TimeoutSeconds: 2,
        Retry: [
          { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 },
          { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
        ],
      }),
      [slow],
    );
    expect(eventsOfType(result, 'LambdaFunctionScheduled')).toHaveLength(1);
    expect(result.error).toBe('States.Timeout');
  });

  it('keeps one counter and one backoff exponent per retrier (ErrorA, ErrorB, ErrorC, ErrorB example)', async () => {
    const handler = failingThenSucceeding(['ErrorA', 'ErrorB', 'ErrorC', 'ErrorB']);
    const result = await run(
      singleTask(
        'flaky',
        {
          Retry: [
            { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 },
            { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }],
          Next: 'Done',
        },
        { Z: { Type: 'Pass', End: true }, Done: { Type: 'Succeed' } },
      ),
      [localFunction('flaky', handler)],
    );
    expect(handler.calls).toBe(4);
    expect(backoffGaps(result)).toEqual([1, 2, 5]);
    expect(parsed(result.output)).toMatchObject({ Error: 'ErrorB' });
    expect(eventsOfType(result, 'PassStateEntered')[0]?.stateEnteredEventDetails?.name).toBe('Z');
  });

  it('resets retrier counters when the state is entered again', async () => {
    let visit = 0;
    const handler = async (event: unknown) => {
      const attempt = (event as { attempt: number }).attempt;
      if (attempt < 1) throw namedError('HTTPError');
      return { visit: ++visit };
    };
    const result = await run(
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:flaky',
            Parameters: { 'attempt.$': '$$.State.RetryCount' },
            Retry: [{ ErrorEquals: ['HTTPError'], MaxAttempts: 1 }],
            Next: 'Again?',
          },
          'Again?': { Type: 'Choice', Choices: [{ Variable: '$.visit', NumericLessThan: 3, Next: 'Work' }], Default: 'Done' },
          Done: { Type: 'Succeed' },
        },
      },
      [localFunction('flaky', handler)],
    );
    // Each of the three visits needs its one retry; a shared counter would have failed on visit 2.
    expect(result.status).toBe('SUCCEEDED');
    expect(eventsOfType(result, 'LambdaFunctionScheduled')).toHaveLength(6);
    expect(backoffGaps(result)).toEqual([1, 1, 1]);
  });

  it('gives each attempt $$.State.RetryCount and the same EnteredTime, and tells the handler its retry count', async () => {
    const seen: unknown[] = [];
    const handler = async (event: unknown, context: { sfnChaos: { retryCount: number } }) => {
      seen.push([event, context.sfnChaos.retryCount]);
      throw namedError('HTTPError');
    };
    await run(
      singleInvokeTask('flaky', {
        Parameters: { FunctionName: 'flaky', Payload: { 'retry.$': '$$.State.RetryCount', 'entered.$': '$$.State.EnteredTime' } },
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
      }),
      [localFunction('flaky', handler)],
    );
    const entered = '2025-01-01T00:00:00.000Z';
    expect(seen).toEqual([
      [{ retry: 0, entered }, 0],
      [{ retry: 1, entered }, 1],
      [{ retry: 2, entered }, 2],
    ]);
  });
});
