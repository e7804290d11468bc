import { describe, expect, it } from '@jest/globals';
import { arnOf, eventsOfType, localFunction, parsed, run, singleTask, typesOf } from './helpers.js';

const pass = (state: Record<string, unknown>) => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...state } } });

describe('Pass state input and output processing', () => {
  it('passes its input through by default', async () => {
    const result = await run(pass({}), [], { input: { a: 1 } });
    expect(parsed(result.output)).toEqual({ a: 1 });
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
  });

  it('applies InputPath, Result, ResultPath and OutputPath in order', async () => {
    const result = await run(
      pass({ InputPath: '$.inner', Result: { added: true }, ResultPath: '$.inner.result', OutputPath: '$.inner' }),
      [],
      {
        input: { inner: { x: 1 }, other: 2 },
      },
    );
    expect(parsed(result.output)).toEqual({ x: 1, result: { added: true } });
  });

  it('builds Parameters with .$ paths, nested objects and arrays, and keeps static values', async () => {
    const result = await run(
      pass({
        Parameters: {
          static: 'text',
          'picked.$': '$.order.id',
          nested: { 'items.$': '$.order.items', deeper: [{ 'first.$': '$.order.items[0]' }, 3] },
          'all.$': '$.order.items[*].sku',
          'whole.$': '$',
        },
      }),
      [],
      { input: { order: { id: 'o-1', items: [{ sku: 'a' }, { sku: 'b' }] } } },
    );
    expect(parsed(result.output)).toEqual({
      static: 'text',
      picked: 'o-1',
      nested: { items: [{ sku: 'a' }, { sku: 'b' }], deeper: [{ first: { sku: 'a' } }, 3] },
      all: ['a', 'b'],
      whole: { order: { id: 'o-1', items: [{ sku: 'a' }, { sku: 'b' }] } },
    });
  });

  it('exposes the context object through $$ paths', async () => {
    const result = await run(pass({ Parameters: { 'context.$': '$$' } }), [], {
      input: { a: 1 },
      stateMachineArn: 'arn:aws:states:eu-west-1:210987654321:stateMachine:orders',
      executionName: 'run-42',
      roleArn: 'arn:aws:iam::210987654321:role/orders-role',
    });
    expect(parsed(result.output)).toEqual({
      context: {
        Execution: {
          Id: 'arn:aws:states:eu-west-1:210987654321:execution:orders:run-42',
          Input: { a: 1 },
          StartTime: '2025-01-01T00:00:00.000Z',
          Name: 'run-42',
          RoleArn: 'arn:aws:iam::210987654321:role/orders-role',
          RedriveCount: 0,
        },
        StateMachine: { Id: 'arn:aws:states:eu-west-1:210987654321:stateMachine:orders', Name: 'orders' },
        State: { Name: 'P', EnteredTime: '2025-01-01T00:00:00.000Z' },
      },
    });
  });

  it('treats null InputPath and OutputPath as {}, and null ResultPath as "keep the input"', async () => {
    expect(parsed((await run(pass({ InputPath: null }), [], { input: { a: 1 } })).output)).toEqual({});
    expect(parsed((await run(pass({ OutputPath: null }), [], { input: { a: 1 } })).output)).toEqual({});
    expect(parsed((await run(pass({ Result: 'x', ResultPath: null }), [], { input: { a: 1 } })).output)).toEqual({ a: 1 });
  });

  it('creates missing objects along a ResultPath and overwrites an existing value', async () => {
    expect(parsed((await run(pass({ Result: 1, ResultPath: '$.a.b.c' }), [], { input: { a: { keep: true } } })).output)).toEqual({
      a: { keep: true, b: { c: 1 } },
    });
    expect(parsed((await run(pass({ Result: 2, ResultPath: '$.a' }), [], { input: { a: 1 } })).output)).toEqual({ a: 2 });
  });

  it('fails with States.ResultPathMatchFailure when the ResultPath runs through a non-object', async () => {
    const result = await run(pass({ Result: 1, ResultPath: '$.a.b' }), [], { input: { a: 'text' } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.ResultPathMatchFailure');
    expect(result.cause).toContain('Unable to apply ReferencePath $.a.b to input {"a":"text"}');
  });

  it('fails with States.Runtime, linked to the PassStateEntered, when a Parameters path is missing', async () => {
    const result = await run(pass({ Parameters: { 'id.$': '$.missing' } }), [], { input: { flagged: false } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath '$.missing' specified for the field 'id.$' could not be found in the input '{\"flagged\":false}'",
    );
    expect(result.events.at(-1)).toMatchObject({ type: 'ExecutionFailed', previousEventId: 2 });
  });

  it('words a missing InputPath leaf like AWS', async () => {
    const result = await run(pass({ InputPath: '$.Payload' }), [], { input: { other: 1 } });
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.Payload' : No results for path: $['Payload']",
    );
  });

  it('returns an empty list, not a failure, for an indefinite path without matches', async () => {
    const result = await run(pass({ Parameters: { 'found.$': '$.items[?(@.price > 10)]' } }), [], { input: { items: [{ price: 1 }] } });
    expect(parsed(result.output)).toEqual({ found: [] });
  });
});

describe('Task state input and output processing', () => {
  it('Parameters feed the function; ResultSelector, ResultPath and OutputPath shape the output', async () => {
    const seen: unknown[] = [];
    const fn = localFunction('work', async (event) => {
      seen.push(event);
      return { body: { total: 30 }, noise: 'x' };
    });
    const result = await run(
      singleTask('work', {
        InputPath: '$.order',
        Parameters: { 'id.$': '$.id', 'attempt.$': '$$.State.RetryCount' },
        ResultSelector: { 'total.$': '$.body.total', 'retries.$': '$$.State.RetryCount' },
        ResultPath: '$.charge',
        OutputPath: '$.charge',
      }),
      [fn],
      { input: { order: { id: 7 }, customer: 'c' } },
    );
    expect(seen).toEqual([{ id: 7, attempt: 0 }]);
    expect(parsed(result.output)).toEqual({ total: 30, retries: 0 });
    expect(parsed(eventsOfType(result, 'LambdaFunctionScheduled')[0]?.lambdaFunctionScheduledEventDetails?.input)).toEqual({
      id: 7,
      attempt: 0,
    });
    expect(parsed(eventsOfType(result, 'LambdaFunctionSucceeded')[0]?.lambdaFunctionSucceededEventDetails?.output)).toEqual({
      body: { total: 30 },
      noise: 'x',
    });
  });

  it('merges the result into the raw state input (before InputPath)', async () => {
    const fn = localFunction('work', async () => 'charged');
    const result = await run(singleTask('work', { InputPath: '$.order', ResultPath: '$.status' }), [fn], { input: { order: { id: 7 } } });
    expect(parsed(result.output)).toEqual({ order: { id: 7 }, status: 'charged' });
  });

  it('records every state input and output as JSON text with truncated: false', async () => {
    const fn = localFunction('work', async () => ({ r: 1 }));
    const result = await run(singleTask('work'), [fn], { input: { a: 1 } });
    expect(eventsOfType(result, 'TaskStateEntered')[0]?.stateEnteredEventDetails).toEqual({
      name: 'Work',
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect(eventsOfType(result, 'TaskStateExited')[0]?.stateExitedEventDetails).toEqual({
      name: 'Work',
      output: '{"r":1}',
      outputDetails: { truncated: false },
    });
    expect(result.events[0]?.executionStartedEventDetails).toEqual({
      input: '{"a":1}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::123456789012:role/sfn-chaos-local-execution-role',
    });
  });

  it('shares one `{ truncated: false }` between events, which refuses to be changed', async () => {
    const fn = localFunction('work', async () => ({ r: 1 }));
    const result = await run(singleTask('work'), [fn], { input: { a: 1 } });
    const entered = eventsOfType(result, 'TaskStateEntered')[0]?.stateEnteredEventDetails?.inputDetails;
    const exited = eventsOfType(result, 'TaskStateExited')[0]?.stateExitedEventDetails?.outputDetails;
    expect(entered).toBe(exited);
    expect(entered).toBe(result.events[0]?.executionStartedEventDetails?.inputDetails);
    expect(() => {
      (entered as { truncated: boolean }).truncated = true;
    }).toThrow(TypeError);
    expect(exited).toEqual({ truncated: false });
  });
});

describe('payload quota (256 KiB)', () => {
  const large = 'x'.repeat(257 * 1024);

  it('a task result over the quota fails the task with States.DataLimitExceeded, which States.ALL catches', async () => {
    const fn = localFunction('work', async () => large);
    const result = await run(
      singleTask(
        'work',
        { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], Next: 'Handled' },
        { Handled: { Type: 'Pass', End: true } },
      ),
      [fn],
    );
    expect(eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.error).toBe('States.DataLimitExceeded');
    expect(result.status).toBe('SUCCEEDED');
  });

  it("a state's own output over the quota ends the execution, uncatchable", async () => {
    const result = await run(pass({ Result: large }));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it("a branch state's own output over the quota is not handled by the Parallel's Retry or Catch either", async () => {
    const result = await run({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Big', States: { Big: { Type: 'Pass', Result: large, End: true } } }],
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }],
          Catch: [
            { ErrorEquals: ['States.DataLimitExceeded'], Next: 'Handled' },
            { ErrorEquals: ['States.ALL'], Next: 'Handled' },
          ],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    });
    expect([result.status, result.error]).toEqual(['FAILED', 'States.DataLimitExceeded']);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'ParallelStateFailed',
      'ExecutionFailed',
    ]);
  });

  it('an iteration whose own output is over the quota fails the Map even within its tolerated failures', async () => {
    const result = await run(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ToleratedFailureCount: 5,
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Big',
              States: { Big: { Type: 'Pass', Result: large, End: true } },
            },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Pass', End: true },
        },
      },
      [],
      { input: [1] },
    );
    expect([result.status, result.error]).toEqual(['FAILED', 'States.DataLimitExceeded']);
  });

  it("a function's result over the quota inside a branch is a task failure the Parallel's States.ALL catches", async () => {
    const fn = localFunction('work', async () => large);
    const result = await run(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: arnOf('work'), End: true } } }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Pass', End: true },
        },
      },
      [fn],
    );
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('history limit', () => {
  it('fails with States.Runtime as event 25,000 when an execution would exceed it', async () => {
    const loop = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'Again?' },
        'Again?': { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'A' },
        Done: { Type: 'Succeed' },
      },
    };
    const result = await run(loop);
    expect(result.events).toHaveLength(25_000);
    expect(result.events.at(-1)).toMatchObject({
      id: 25_000,
      type: 'ExecutionFailed',
      executionFailedEventDetails: {
        error: 'States.Runtime',
        cause: 'The execution reached the maximum number of history events (25000).',
      },
    });
    expect(result.status).toBe('FAILED');
  });
});
