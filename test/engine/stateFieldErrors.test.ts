import { describe, expect, it } from '@jest/globals';
import { arnOf, eventsOfType, localFunction, offsetsOf, parsed, run, typesOf } from './helpers.js';

/**
 * Errors a state reports while evaluating its own fields (States.QueryEvaluationError,
 * States.IntrinsicFailure, States.ResultPathMatchFailure) reach the state's Retry and Catch, like a
 * task's errors; States.Runtime never does.
 */

const echo = () => localFunction('echo', async (event) => event);

/** A Lambda function that counts its invocations and returns `result`. */
function counting(result: unknown = { ok: true }) {
  const calls: unknown[] = [];
  return {
    calls,
    fn: localFunction('work', async (event) => {
      calls.push(event);
      return result;
    }),
  };
}

describe('State field errors and Catch', () => {
  it('a JSONata Arguments expression that selects nothing is caught by States.ALL before the function is called', async () => {
    const { calls, fn } = counting();
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Push',
        States: {
          Push: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: arnOf('work'), Payload: { location: '{% $states.input.pushLocation %}' } },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report', Output: '{% $states.errorOutput %}' }],
            End: true,
          },
          Report: { Type: 'Pass', End: true },
        },
      },
      [fn],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toHaveLength(0);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'EvaluationFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const cause =
      "An error occurred while executing the state 'Push' (entered at the event id #2). The JSONata expression '$states.input.pushLocation' specified for the field 'Arguments/Payload/location' returned nothing (undefined).";
    expect(parsed(result.output)).toEqual({ Error: 'States.QueryEvaluationError', Cause: cause });
    // A JSONata state records the failure as an EvaluationFailed event, as the Step Functions API documents.
    expect(eventsOfType(result, 'EvaluationFailed')[0]).toMatchObject({
      id: 3,
      // Linked where the TaskStateEntered is linked (event 0 for the first state), as AWS recordings show.
      previousEventId: 0,
      evaluationFailedEventDetails: { error: 'States.QueryEvaluationError', cause, location: 'Arguments/Payload/location', state: 'Push' },
    });
  });

  it('a JSONPath state writes no EvaluationFailed event: AWS documents it for JSONata states only', async () => {
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'x.$': 'States.ArrayGetItem($.list, 9)' }, End: true } } },
      [],
      {
        input: { list: [1] },
      },
    );
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('an intrinsic failure in Parameters is retried by a matching retrier, then caught', async () => {
    const { calls, fn } = counting();
    const result = await run(
      {
        StartAt: 'Pick',
        States: {
          Pick: {
            Type: 'Task',
            Resource: arnOf('work'),
            Parameters: { 'item.$': 'States.ArrayGetItem($.list, 5)' },
            Retry: [{ ErrorEquals: ['States.IntrinsicFailure'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 2 }],
            Catch: [{ ErrorEquals: ['States.IntrinsicFailure'], ResultPath: '$.failure', Next: 'Fallback' }],
            End: true,
          },
          Fallback: { Type: 'Pass', End: true },
        },
      },
      [fn],
      { input: { list: [1] } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toHaveLength(0);
    // Two retries, 3 s and 6 s after the first try, then the catcher.
    expect(offsetsOf(result, 'TaskStateExited')).toEqual([9]);
    const output = parsed(result.output) as { list: number[]; failure: { Error: string; Cause: string } };
    expect(output.list).toEqual([1]);
    expect(output.failure.Error).toBe('States.IntrinsicFailure');
    expect(output.failure.Cause).toMatch(
      /^An error occurred while executing the state 'Pick' \(entered at the event id #2\)\. .*States\.ArrayGetItem/,
    );
  });

  it('a ResultPath that cannot be applied after the function succeeded is caught, and the function ran once', async () => {
    const { calls, fn } = counting({ ok: true });
    const result = await run(
      {
        StartAt: 'Store',
        States: {
          Store: {
            Type: 'Task',
            Resource: arnOf('work'),
            ResultPath: '$.text.result',
            Catch: [{ ErrorEquals: ['States.ResultPathMatchFailure'], Next: 'Repair' }],
            End: true,
          },
          Repair: { Type: 'Pass', End: true },
        },
      },
      [fn],
      { input: { text: 'not an object' } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toHaveLength(1);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect((parsed(result.output) as { Error: string }).Error).toBe('States.ResultPathMatchFailure');
  });

  const failingArguments = (errorEquals: string[]) => ({
    QueryLanguage: 'JSONata',
    StartAt: 'Push',
    States: {
      Push: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: arnOf('echo'), Payload: '{% $states.input.absent %}' },
        Catch: [{ ErrorEquals: errorEquals, Next: 'Other' }],
        End: true,
      },
      Other: { Type: 'Pass', End: true },
    },
  });

  it('States.TaskFailed catches a field error too: it matches every error but States.Timeout', async () => {
    const result = await run(failingArguments(['States.TaskFailed']), [echo()]);
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toContain('PassStateEntered');
  });

  it('without a matching catcher the execution fails with the field error, straight after the state was entered', async () => {
    const result = await run(failingArguments(['Custom.Error']), [echo()]);
    expect([result.status, result.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'EvaluationFailed', 'ExecutionFailed']);
  });

  it('States.Runtime from a path is never caught, even by a catcher naming it', async () => {
    const result = await run(
      {
        StartAt: 'Pick',
        States: {
          Pick: {
            Type: 'Task',
            Resource: arnOf('echo'),
            Parameters: { 'item.$': '$.missing' },
            Catch: [
              { ErrorEquals: ['States.Runtime'], Next: 'Other' },
              { ErrorEquals: ['States.ALL'], Next: 'Other' },
            ],
            End: true,
          },
          Other: { Type: 'Pass', End: true },
        },
      },
      [echo()],
    );
    expect([result.status, result.error]).toEqual(['FAILED', 'States.Runtime']);
  });

  it('States.Runtime inside a Parallel branch fails the Parallel state and the execution, whatever its Retry and Catch say', async () => {
    const result = await run(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', OutputPath: '$.missing.deeper', End: true } } }],
            Retry: [{ ErrorEquals: ['States.Runtime'], IntervalSeconds: 1 }],
            Catch: [
              { ErrorEquals: ['States.Runtime'], Next: 'Done' },
              { ErrorEquals: ['States.ALL'], Next: 'Done' },
            ],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      [],
    );
    expect([result.status, result.error]).toEqual(['FAILED', 'States.Runtime']);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
  });

  it('a Map whose ItemSelector fails is caught: MapStateFailed, then MapStateExited, and no iteration starts', async () => {
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: '{% $states.input.items %}',
            ItemSelector: { value: '{% $states.context.Map.Item.Value.absent %}' },
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Echo',
              States: { Echo: { Type: 'Task', Resource: arnOf('echo'), End: true } },
            },
            Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Done', Output: '{% $states.errorOutput.Error %}' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      [echo()],
      { input: { items: [{ id: 1 }] } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'EvaluationFailed',
      'MapStateFailed',
      'MapStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'EvaluationFailed')[0]?.evaluationFailedEventDetails?.location).toBe('ItemSelector/value');
    expect(parsed(result.output)).toBe('States.QueryEvaluationError');
  });

  it('a Parallel whose ResultSelector fails after its branches succeeded is caught without a ParallelStateFailed', async () => {
    const result = await run(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Result: [1], End: true } } }],
            ResultSelector: { 'second.$': 'States.ArrayGetItem($[0], 3)' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Pass', End: true },
        },
      },
      [],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'ParallelStateFailed')).toHaveLength(0);
    expect((parsed(result.output) as { Error: string }).Error).toBe('States.IntrinsicFailure');
  });
});
