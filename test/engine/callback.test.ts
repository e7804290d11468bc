import { describe, expect, it } from '@jest/globals';
import type { ScriptedCallback, ScriptedCallbackResolver } from '../../src/engine/index.js';
import { eventsOfType, localFunction, offsetsOf, run, typesOf } from './helpers.js';

/** A lambda:invoke.waitForTaskToken Task that hands the token to `recover`, then loops or ends. */
function callbackMachine(task: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Ask support',
    States: {
      'Ask support': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'recover', Payload: { 'Input.$': '$', 'Token.$': '$$.Task.Token' } },
        TimeoutSeconds: 3600,
        End: true,
        ...task,
      },
      ...extraStates,
    },
  };
}

const answerAlways =
  (scripted: ScriptedCallback): ScriptedCallbackResolver =>
  () =>
    scripted;

/** Records every payload the function was invoked with. */
function recordingFunction(answer?: (event: { Token: string }, send: (token: string) => Promise<void>) => Promise<void>) {
  const payloads: { Input: unknown; Token: string }[] = [];
  const fn = localFunction('recover', async (event, context) => {
    const payload = event as { Input: unknown; Token: string };
    payloads.push(payload);
    if (answer) await answer(payload, (token) => context.sfnChaos.sendTaskSuccess(token, { answeredBy: 'handler' }));
    return { filed: true };
  });
  return { fn, payloads };
}

describe('Task .waitForTaskToken (lambda:invoke)', () => {
  it('records Scheduled, Started, Submitted with the Invoke response, then Succeeded with the answer', async () => {
    const { fn, payloads } = recordingFunction();
    const result = await run(callbackMachine(), [fn], {
      input: { order: 7 },
      callbacks: answerAlways({ afterSeconds: 30, answer: { kind: 'success', output: { approved: true } } }),
    });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const [submitted] = eventsOfType(result, 'TaskSubmitted');
    expect(submitted?.taskSubmittedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    expect(JSON.parse(submitted?.taskSubmittedEventDetails?.output ?? '{}')).toMatchObject({ Payload: { filed: true }, StatusCode: 200 });
    const [succeeded] = eventsOfType(result, 'TaskSucceeded');
    expect(succeeded?.taskSucceededEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      output: '{"approved":true}',
      outputDetails: { truncated: false },
    });
    // The task pauses on the virtual clock until the answer comes, 30 s after submission.
    expect(offsetsOf(result, 'TaskSubmitted')).toEqual([0]);
    expect(offsetsOf(result, 'TaskSucceeded')).toEqual([30]);
    expect(result.output).toBe('{"approved":true}');
    expect(payloads).toHaveLength(1);
    expect(payloads[0]?.Input).toEqual({ order: 7 });
    const [scheduled] = eventsOfType(result, 'TaskScheduled');
    expect(JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}').Payload.Token).toBe(payloads[0]?.Token);
  });

  it('gives every attempt its own task token', async () => {
    const { fn, payloads } = recordingFunction();
    const definition = callbackMachine({ Retry: [{ ErrorEquals: ['Support.Busy'], IntervalSeconds: 1, MaxAttempts: 2 }] });
    const result = await run(definition, [fn], {
      callbacks: ({ attempt }) =>
        attempt < 3
          ? { answer: { kind: 'failure', error: 'Support.Busy', cause: 'try later' } }
          : { answer: { kind: 'success', output: 'done' } },
    });
    expect(result.status).toBe('SUCCEEDED');
    const tokens = payloads.map((payload) => payload.Token);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    expect(eventsOfType(result, 'TaskFailed').map((event) => event.taskFailedEventDetails)).toEqual([
      { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'Support.Busy', cause: 'try later' },
      { resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'Support.Busy', cause: 'try later' },
    ]);
  });

  it('lets Catch handle a SendTaskFailure answer by its error name', async () => {
    const { fn } = recordingFunction();
    const definition = callbackMachine(
      { End: undefined, Next: 'Done', Catch: [{ ErrorEquals: ['Support.Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }] },
      { Done: { Type: 'Succeed' }, Rejected: { Type: 'Pass', End: true } },
    );
    const result = await run(definition, [fn], {
      input: { order: 1 },
      callbacks: answerAlways({ afterSeconds: 5, answer: { kind: 'failure', error: 'Support.Rejected', cause: 'no stock' } }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '{}')).toEqual({ order: 1, rejection: { Error: 'Support.Rejected', Cause: 'no stock' } });
  });

  it("lets a catcher's Assign read the failed attempt's $$.Task.Token", async () => {
    const { fn, payloads } = recordingFunction();
    const definition = callbackMachine(
      {
        End: undefined,
        Next: 'Done',
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'rejectedToken.$': '$$.Task.Token' }, Next: 'Rejected' }],
      },
      { Done: { Type: 'Succeed' }, Rejected: { Type: 'Pass', Parameters: { 'token.$': '$rejectedToken' }, End: true } },
    );
    const result = await run(definition, [fn], {
      callbacks: answerAlways({ answer: { kind: 'failure', error: 'Support.Rejected', cause: 'no stock' } }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.parse(result.output ?? '{}')).toEqual({ token: payloads[0]?.Token });
  });

  it('applies a scripted answer to the visit it names', async () => {
    const { fn, payloads } = recordingFunction();
    const definition = {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Next: 'Ask support' },
        'Ask support': {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'recover', Payload: { 'Token.$': '$$.Task.Token' } },
          TimeoutSeconds: 100,
          Next: 'Again?',
        },
        'Again?': { Type: 'Choice', Choices: [{ Variable: '$.again', BooleanEquals: true, Next: 'Count' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };
    const seen: { visit: number; attempt: number }[] = [];
    const result = await run(definition, [fn], {
      callbacks: ({ visit, attempt }) => {
        seen.push({ visit, attempt });
        return { afterSeconds: 10 * visit, answer: { kind: 'success', output: { again: visit < 3 } } };
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(seen).toEqual([
      { visit: 1, attempt: 1 },
      { visit: 2, attempt: 1 },
      { visit: 3, attempt: 1 },
    ]);
    expect(payloads).toHaveLength(3);
    expect(offsetsOf(result, 'TaskSucceeded')).toEqual([10, 30, 60]);
  });

  it('lets the invoked handler answer its own token through context.sfnChaos', async () => {
    const { fn } = recordingFunction(async (event, send) => send(event.Token));
    const result = await run(callbackMachine(), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toBe('{"answeredBy":"handler"}');
    expect(typesOf(result).slice(2, 6)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']);
  });

  it('refuses an answer to a token that is no longer waiting, and to a token it never issued', async () => {
    const refusals: string[] = [];
    let firstToken = '';
    const fn = localFunction('recover', async (event, context) => {
      const token = (event as { Token: string }).Token;
      if (firstToken === '') {
        firstToken = token;
        return 'first';
      }
      for (const attempt of [() => context.sfnChaos.sendTaskSuccess(firstToken, 1), () => context.sfnChaos.sendTaskHeartbeat('made-up')]) {
        await attempt().catch((error: Error) => refusals.push(error.name));
      }
      await context.sfnChaos.sendTaskSuccess(token, 'second');
      return 'ok';
    });
    const definition = callbackMachine({
      HeartbeatSeconds: 5,
      Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 }],
    });
    const result = await run(definition, [fn]);
    expect(result.output).toBe('"second"');
    expect(refusals).toEqual(['TaskTimedOut', 'InvalidToken']);
  });

  it('fails the task at once when the invoked function fails, before anything is submitted', async () => {
    const fn = localFunction('recover', async () => {
      const error = new Error('cannot file the case');
      error.name = 'FilingError';
      throw error;
    });
    const result = await run(callbackMachine(), [fn], { callbacks: answerAlways({ answer: { kind: 'success', output: 1 } }) });
    expect(typesOf(result).slice(2)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expect(result.error).toBe('FilingError');
  });

  it('exposes $$.Task.Token only to callback tasks', async () => {
    const fn = localFunction('recover', async () => 'x');
    const definition = callbackMachine({
      Resource: 'arn:aws:states:::lambda:invoke',
      TimeoutSeconds: undefined,
    });
    const result = await run(definition, [fn]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain("'$$.Task.Token'");
  });
});

describe('Task .waitForTaskToken (other services)', () => {
  const sqsMachine = {
    StartAt: 'Queue it',
    States: {
      'Queue it': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/work', MessageBody: { 'Token.$': '$$.Task.Token' } },
        TimeoutSeconds: 60,
        End: true,
      },
    },
  };

  it('submits the stand-in response and waits for the answer', async () => {
    const result = await run(sqsMachine, [], {
      services: () => ({ kind: 'response', response: { MessageId: 'm-1' } }),
      callbacks: answerAlways({ afterSeconds: 12, answer: { kind: 'success', output: { worked: true } } }),
    });
    expect(eventsOfType(result, 'TaskSubmitted')[0]?.taskSubmittedEventDetails).toEqual({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      output: '{"MessageId":"m-1"}',
      outputDetails: { truncated: false },
    });
    expect(offsetsOf(result, 'TaskSucceeded')).toEqual([12]);
  });

  it('lets a stand-in handler answer the token it was sent', async () => {
    const result = await run(sqsMachine, [], {
      services: () => ({
        kind: 'handler',
        invoke: async (parameters, context) => {
          const token = (parameters as { MessageBody: { Token: string } }).MessageBody.Token;
          await context.sfnChaos.sendTaskFailure(token, { error: 'Worker.Crashed', cause: 'out of memory' });
          return { MessageId: 'm-2' };
        },
      }),
    });
    expect(result.status).toBe('FAILED');
    expect([result.error, result.cause]).toEqual(['Worker.Crashed', 'out of memory']);
  });

  it('ends in TaskTimedOut with States.Timeout when nobody answers before TimeoutSeconds', async () => {
    const result = await run(sqsMachine, [], { services: () => ({ kind: 'response', response: {} }) });
    expect(typesOf(result).slice(-2)).toEqual(['TaskTimedOut', 'ExecutionFailed']);
    expect(eventsOfType(result, 'TaskTimedOut')[0]?.taskTimedOutEventDetails).toEqual({
      resourceType: 'sqs',
      resource: 'sendMessage.waitForTaskToken',
      error: 'States.Timeout',
    });
    expect(offsetsOf(result, 'TaskTimedOut')).toEqual([60]);
  });

  it('waits until the execution times out after a year when nobody answers and no timeout is set', async () => {
    const { fn } = recordingFunction();
    const result = await run(callbackMachine({ TimeoutSeconds: undefined }), [fn]);
    expect(result.status).toBe('TIMED_OUT');
    expect(typesOf(result).slice(-2)).toEqual(['TaskSubmitted', 'ExecutionTimedOut']);
    expect(offsetsOf(result, 'ExecutionTimedOut')).toEqual([365 * 24 * 60 * 60]);
  });
});
