import { describe, expect, it } from '@jest/globals';
import { eventsOfType, localFunction, parsed, run, singleInvokeTask, singleTask } from './helpers.js';

function circular(): unknown {
  const order: Record<string, unknown> = { id: 'o-1' };
  order['self'] = order;
  return order;
}

describe('a handler result that cannot be serialised to JSON', () => {
  it.each([
    ['a circular object', circular],
    ['a BigInt', () => ({ total: 10n })],
  ])('%s fails the invocation as a function error that Retry sees (legacy ARN)', async (_label, result) => {
    let calls = 0;
    const fn = localFunction('orders', async () => {
      calls += 1;
      return calls === 1 ? result() : { ok: true };
    });
    const outcome = await run(
      singleTask('orders', { Retry: [{ ErrorEquals: ['Runtime.JSONStringifyError'], IntervalSeconds: 1, MaxAttempts: 1 }] }),
      [fn],
    );
    expect(outcome.status).toBe('SUCCEEDED');
    const [failed] = eventsOfType(outcome, 'LambdaFunctionFailed');
    expect(failed?.lambdaFunctionFailedEventDetails?.error).toBe('Runtime.JSONStringifyError');
    expect(parsed(failed?.lambdaFunctionFailedEventDetails?.cause)).toEqual({
      errorType: 'Runtime.JSONStringifyError',
      errorMessage: 'Unable to stringify response body',
      trace: [],
    });
  });

  it('fails a lambda:invoke task with TaskFailed, caught like any function error', async () => {
    const fn = localFunction('orders', async () => circular());
    const outcome = await run(
      singleInvokeTask(
        'orders',
        { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handled' }] },
        { Handled: { Type: 'Pass', End: true } },
      ),
      [fn],
    );
    expect(outcome.status).toBe('SUCCEEDED');
    expect(eventsOfType(outcome, 'TaskFailed')[0]?.taskFailedEventDetails?.error).toBe('Runtime.JSONStringifyError');
  });

  it('a Python function reports Runtime.MarshalError', async () => {
    const fn = localFunction('orders', async () => ({ total: 10n }), { runtime: 'python' });
    const outcome = await run(singleTask('orders'), [fn]);
    expect(outcome.status).toBe('FAILED');
    const cause = parsed(eventsOfType(outcome, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.cause) as Record<
      string,
      unknown
    >;
    expect(cause['errorType']).toBe('Runtime.MarshalError');
    expect(cause['errorMessage']).toMatch(/^Unable to marshal response: .*BigInt/);
  });
});
