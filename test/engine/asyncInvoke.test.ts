import { describe, expect, it } from '@jest/globals';
import { eventsOfType, localFunction, namedError, parsed, run, singleInvokeTask, startTime, typesOf } from './helpers.js';

const event = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Parameters: { FunctionName: 'work', 'Payload.$': '$', InvocationType: 'Event' },
  ...extra,
});

const caught = {
  Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
};
const caughtState = { Caught: { Type: 'Pass', Result: 'caught', End: true } };

describe('lambda:invoke with InvocationType Event', () => {
  it('returns at once with a 202 and an empty Payload, and the history has no trace of the function', async () => {
    const fn = localFunction('work', async () => 'done');
    const result = await run(singleInvokeTask('work', event()), [fn], { input: { n: 1 } });
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const output = parsed(eventsOfType(result, 'TaskSucceeded')[0]?.taskSucceededEventDetails?.output) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
    expect(output['Payload']).toBe('');
    expect(output['StatusCode']).toBe(202);
    const http = output['SdkHttpMetadata'] as { HttpStatusCode: number; HttpHeaders: Record<string, string> };
    expect(http.HttpStatusCode).toBe(202);
    expect(http.HttpHeaders['Content-Length']).toBe('0');
    expect(output['SdkResponseMetadata']).toEqual({ RequestId: http.HttpHeaders['x-amzn-RequestId'] });
    expect(result.asyncInvocations).toEqual([
      expect.objectContaining({
        stateName: 'Work',
        functionName: 'work',
        outcome: 'succeeded',
        requestId: http.HttpHeaders['x-amzn-RequestId'],
      }),
    ]);
    expect(result.asyncInvocations[0]?.attempts).toHaveLength(1);
  });

  it('a function error never reaches Retry or Catch: Lambda retries it after 60 s and 120 s instead', async () => {
    let calls = 0;
    const fn = localFunction('work', async () => {
      calls += 1;
      throw namedError('function.MaxDepthError');
    });
    const result = await run(singleInvokeTask('work', event(caught), caughtState), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    expect(eventsOfType(result, 'TaskFailed')).toHaveLength(0);
    expect(eventsOfType(result, 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toEqual(['Work']);
    // The execution ends at once; the retries run after it on the virtual clock.
    expect(result.stopDate.getTime()).toBe(startTime.getTime());
    expect(calls).toBe(3);
    const [invocation] = result.asyncInvocations;
    expect(invocation?.outcome).toBe('retriesExhausted');
    const starts = invocation?.attempts.map((attempt) => (attempt.startDate.getTime() - startTime.getTime()) / 1000);
    expect(starts).toEqual([0, 60, 180]);
    expect(invocation?.attempts.map((attempt) => attempt.error)).toEqual([
      'function.MaxDepthError',
      'function.MaxDepthError',
      'function.MaxDepthError',
    ]);
  });

  it("honours the function's MaximumRetryAttempts and MaximumEventAgeInSeconds", async () => {
    const failing = async (): Promise<never> => {
      throw namedError('Boom');
    };
    const noRetries = { ...localFunction('work', failing), eventInvokeConfig: { maximumRetryAttempts: 0 } };
    const once = await run(singleInvokeTask('work', event()), [noRetries]);
    expect(once.asyncInvocations[0]?.attempts).toHaveLength(1);
    expect(once.asyncInvocations[0]?.outcome).toBe('retriesExhausted');

    const shortLived = { ...localFunction('work', failing), eventInvokeConfig: { maximumEventAgeInSeconds: 100 } };
    const expired = await run(singleInvokeTask('work', event()), [shortLived]);
    // 0 s, then 60 s; the third attempt (at 180 s) would be past the event's 100 s.
    expect(expired.asyncInvocations[0]?.attempts).toHaveLength(2);
    expect(expired.asyncInvocations[0]?.outcome).toBe('eventExpired');
  });

  it('a throttled event goes back to the queue with waits growing from 1 s', async () => {
    let calls = 0;
    const fn = localFunction('work', async () => {
      calls += 1;
      if (calls <= 3) throw namedError('Lambda.TooManyRequestsException', 'Rate Exceeded.');
      return 'ok';
    });
    const result = await run(singleInvokeTask('work', event()), [fn]);
    const starts = result.asyncInvocations[0]?.attempts.map((attempt) => (attempt.startDate.getTime() - startTime.getTime()) / 1000);
    expect(starts).toEqual([0, 1, 3, 7]);
    expect(result.asyncInvocations[0]?.outcome).toBe('succeeded');
  });

  it('runs concurrently with the states after it, on the same virtual clock', async () => {
    const seen: number[] = [];
    const fn = localFunction('work', async (_payload, context) => {
      await context.sfnChaos.sleep(2_000);
      seen.push(context.sfnChaos.now() - startTime.getTime());
    });
    const definition = singleInvokeTask('work', event({ Next: 'Later' }), { Later: { Type: 'Wait', Seconds: 10, End: true } });
    const result = await run(definition, [fn]);
    expect(seen).toEqual([2_000]);
    expect(result.stopDate.getTime() - startTime.getTime()).toBe(10_000);
  });

  it('a missing function still fails the Task (Lambda checks the function before it queues anything)', async () => {
    const result = await run(singleInvokeTask('nowhere', { Parameters: { FunctionName: 'nowhere', InvocationType: 'Event' } }), []);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Lambda.ResourceNotFoundException');
    expect(result.asyncInvocations).toEqual([]);
  });
});

describe('lambda:invoke with InvocationType DryRun', () => {
  it('returns a 204 with an empty Payload and does not run the function', async () => {
    let calls = 0;
    const fn = localFunction('work', async () => {
      calls += 1;
    });
    const result = await run(singleInvokeTask('work', { Parameters: { FunctionName: 'work', InvocationType: 'DryRun' } }), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    const output = parsed(result.output) as Record<string, unknown>;
    expect(output['StatusCode']).toBe(204);
    expect(output['Payload']).toBe('');
    expect(calls).toBe(0);
    expect(result.asyncInvocations).toEqual([]);
  });
});
