import { describe, expect, it } from '@jest/globals';
import type { LocalLambdaContext } from '../../src/engine/index.js';
import { eventsOfType, localFunction, offsetsOf, parsed, run, singleTask, typesOf } from './helpers.js';

const realWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('real time a handler spends counts against its function timeout', () => {
  it('a handler waiting longer in real time than its timeout fails with Sandbox.Timedout at the timeout', async () => {
    const started = Date.now();
    const fn = localFunction(
      'slow',
      async () => {
        await realWait(1_500);
        return { done: true };
      },
      { timeoutSeconds: 1 },
    );
    const result = await run(singleTask('slow'), [fn]);
    expect(result.status).toBe('FAILED');
    const failed = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe('Sandbox.Timedout');
    expect((parsed(failed?.cause) as { errorMessage: string }).errorMessage).toMatch(/Task timed out after 1\.00 seconds$/);
    // Recorded at the function's timeout in virtual time, found after about a second of real time.
    expect(offsetsOf(result, 'LambdaFunctionFailed')).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(1_450);
  });

  it('a timed-out attempt is retried like any function error, and the retry can succeed', async () => {
    let calls = 0;
    const fn = localFunction(
      'slow',
      async () => {
        calls += 1;
        if (calls === 1) await realWait(700);
        return { calls };
      },
      { timeoutSeconds: 0.5 },
    );
    const result = await run(singleTask('slow', { Retry: [{ ErrorEquals: ['Sandbox.Timedout'], IntervalSeconds: 2, MaxAttempts: 1 }] }), [
      fn,
    ]);
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result).filter((type) => type.startsWith('LambdaFunction'))).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
    ]);
    expect(offsetsOf(result, 'LambdaFunctionScheduled')).toEqual([0, 2.5]);
  });

  it('real time spent before a virtual sleep shortens what the sleep may use', async () => {
    const fn = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        await realWait(400);
        await context.sfnChaos.sleep(700);
        return { done: true };
      },
      { timeoutSeconds: 1 },
    );
    const result = await run(singleTask('slow'), [fn]);
    expect(eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.error).toBe('Sandbox.Timedout');
    expect(offsetsOf(result, 'LambdaFunctionFailed')).toEqual([1]);
  });

  it('a short real wait within the timeout still succeeds, and virtual sleeps stay free', async () => {
    const fn = localFunction(
      'slow',
      async (_event: unknown, context: LocalLambdaContext) => {
        await realWait(50);
        await context.sfnChaos.sleep(2_500);
        return { done: true };
      },
      { timeoutSeconds: 3 },
    );
    const result = await run(singleTask('slow'), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'LambdaFunctionSucceeded')).toEqual([2.5]);
  });
});
