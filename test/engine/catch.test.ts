import { describe, expect, it } from '@jest/globals';
import { errorEqualsMatches } from '../../src/engine/index.js';
import { eventsOfType, localFunction, namedError, parsed, run, singleInvokeTask, singleTask, typesOf } from './helpers.js';

const throwing = (name: string) => localFunction('work', async () => Promise.reject(namedError(name, 'card declined')));
const handlers = { Handled: { Type: 'Pass', End: true }, Done: { Type: 'Succeed' } };

describe('errorEqualsMatches', () => {
  it('States.ALL matches every error except States.Runtime', () => {
    for (const name of ['HTTPError', 'States.Timeout', 'States.TaskFailed', 'Lambda.Unknown', 'States.DataLimitExceeded']) {
      expect(errorEqualsMatches(['States.ALL'], name)).toBe(true);
    }
    expect(errorEqualsMatches(['States.ALL'], 'States.Runtime')).toBe(false);
  });

  it('nothing matches States.Runtime, not even a rule naming it', () => {
    expect(errorEqualsMatches(['States.Runtime'], 'States.Runtime')).toBe(false);
    expect(errorEqualsMatches(['States.Runtime', 'States.ALL'], 'States.Runtime')).toBe(false);
  });

  it('States.TaskFailed matches everything except States.Timeout', () => {
    expect(errorEqualsMatches(['States.TaskFailed'], 'HTTPError')).toBe(true);
    expect(errorEqualsMatches(['States.TaskFailed'], 'Sandbox.Timedout')).toBe(true);
    expect(errorEqualsMatches(['States.TaskFailed'], 'Lambda.ResourceNotFoundException')).toBe(true);
    expect(errorEqualsMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorEqualsMatches(['States.TaskFailed'], 'States.Runtime')).toBe(false);
  });

  it('other names match exactly and case-sensitively, without prefixes', () => {
    expect(errorEqualsMatches(['HTTPError'], 'HTTPError')).toBe(true);
    expect(errorEqualsMatches(['httperror'], 'HTTPError')).toBe(false);
    expect(errorEqualsMatches(['Lambda'], 'Lambda.Unknown')).toBe(false);
    expect(errorEqualsMatches(['Lambda.*'], 'Lambda.Unknown')).toBe(false);
    expect(errorEqualsMatches(['A', 'B'], 'B')).toBe(true);
  });
});

describe('Catch', () => {
  it('by default replaces the state input with {Error, Cause}', async () => {
    const result = await run(
      singleTask('work', { Catch: [{ ErrorEquals: ['PaymentError'], Next: 'Handled' }], Next: 'Done' }, handlers),
      [throwing('PaymentError')],
      {
        input: { order: 1 },
      },
    );
    const output = parsed(result.output) as { Error: string; Cause: string };
    expect(Object.keys(output)).toEqual(['Error', 'Cause']);
    expect(output.Error).toBe('PaymentError');
    expect(JSON.parse(output.Cause)).toMatchObject({ errorType: 'PaymentError', errorMessage: 'card declined' });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('merges the error output into the original input at its ResultPath', async () => {
    const result = await run(
      singleTask(
        'work',
        { InputPath: '$.order', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled', ResultPath: '$.failure.details' }], Next: 'Done' },
        handlers,
      ),
      [throwing('PaymentError')],
      { input: { order: { id: 1 }, customer: 'c-1' } },
    );
    expect(parsed(result.output)).toEqual({
      order: { id: 1 },
      customer: 'c-1',
      failure: { details: { Error: 'PaymentError', Cause: expect.any(String) } },
    });
  });

  it('keeps the input unchanged with ResultPath null', async () => {
    const result = await run(
      singleTask('work', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled', ResultPath: null }], Next: 'Done' }, handlers),
      [throwing('X')],
      {
        input: { keep: true },
      },
    );
    expect(parsed(result.output)).toEqual({ keep: true });
  });

  it('ignores the task ResultPath and OutputPath when catching', async () => {
    const result = await run(
      singleInvokeTask(
        'work',
        { ResultPath: '$.Payload', OutputPath: '$.Payload', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], Next: 'Done' },
        handlers,
      ),
      [throwing('X')],
      { input: { a: 1 } },
    );
    expect(Object.keys(parsed(result.output) as object)).toEqual(['Error', 'Cause']);
  });

  it('uses the first matching catcher in order', async () => {
    const result = await run(
      singleTask(
        'work',
        {
          Catch: [
            { ErrorEquals: ['Lambda.Unknown'], Next: 'Unknown' },
            { ErrorEquals: ['States.TaskFailed'], Next: 'TaskFailed' },
            { ErrorEquals: ['States.ALL'], Next: 'All' },
          ],
          Next: 'Done',
        },
        { Unknown: { Type: 'Succeed' }, TaskFailed: { Type: 'Succeed' }, All: { Type: 'Succeed' }, Done: { Type: 'Succeed' } },
      ),
      [throwing('PaymentError')],
    );
    expect(eventsOfType(result, 'SucceedStateEntered')[0]?.stateEnteredEventDetails?.name).toBe('TaskFailed');
  });

  it('leaves an unmatched error uncaught: ExecutionFailed follows the failure, with no TaskStateExited', async () => {
    const result = await run(singleTask('work', { Catch: [{ ErrorEquals: ['Other'], Next: 'Handled' }], Next: 'Done' }, handlers), [
      throwing('PaymentError'),
    ]);
    expect(typesOf(result).slice(-2)).toEqual(['LambdaFunctionFailed', 'ExecutionFailed']);
    const failed = result.events.at(-1)?.executionFailedEventDetails;
    const lambdaFailed = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(failed).toEqual({ error: 'PaymentError', cause: lambdaFailed?.cause });
    expect(result.error).toBe('PaymentError');
    expect(result.cause).toBe(lambdaFailed?.cause);
  });

  it('catches after the retries are used up', async () => {
    const result = await run(
      singleTask(
        'work',
        {
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          Next: 'Done',
        },
        handlers,
      ),
      [throwing('PaymentError')],
    );
    expect(eventsOfType(result, 'LambdaFunctionFailed')).toHaveLength(3);
    expect(result.status).toBe('SUCCEEDED');
  });

  it('does not catch States.Runtime even with a catcher naming it', async () => {
    const result = await run(
      singleTask(
        'work',
        { OutputPath: '$.missing.deeper', Catch: [{ ErrorEquals: ['States.Runtime'], Next: 'Handled' }], Next: 'Done' },
        handlers,
      ),
      [localFunction('work', async () => ({ present: 1 }))],
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'Work' (entered at the event id #2). Invalid path '$.missing.deeper' : Missing property in path $['missing']",
    );
    expect(typesOf(result).slice(-2)).toEqual(['LambdaFunctionSucceeded', 'ExecutionFailed']);
  });
});
