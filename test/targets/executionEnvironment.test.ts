import { describe, expect, it, afterEach } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { LocalFunction } from '../../src/engine/index.js';
import { ExecutionEnvironment } from '../../src/targets/local/runtime/ExecutionEnvironment.js';
import { type AnyHandler, invokeHandler } from '../../src/targets/local/invokeHandler.js';
import { arnOf, eventsOfType, offsetsOf, parsed, run, singleTask } from '../engine/helpers.js';

const file = fileURLToPath(new URL('./fixtures/environments.mjs', import.meta.url));
const environments: ExecutionEnvironment[] = [];

afterEach(async () => {
  await Promise.all(environments.splice(0).map((environment) => environment.close()));
});

function isolated(exportName: string, timeoutSeconds = 3): LocalFunction {
  const environment = new ExecutionEnvironment({ file, exportName });
  environments.push(environment);
  return {
    name: 'work',
    arn: arnOf('work'),
    timeoutSeconds,
    invoke: (payload, context) => environment.invoke(payload, context),
    stop: (context) => environment.stop(context),
  };
}

function succeededOutputs(result: Awaited<ReturnType<typeof run>>): unknown[] {
  return eventsOfType(result, 'LambdaFunctionSucceeded').map((event) => parsed(event.lambdaFunctionSucceededEventDetails?.output));
}

/** Two Task states in a row, both calling function `work`. */
const twoTasks = {
  StartAt: 'First',
  States: {
    First: { Type: 'Task', Resource: arnOf('work'), Next: 'Second' },
    Second: { Type: 'Task', Resource: arnOf('work'), End: true },
  },
};

describe('Class: ExecutionEnvironment', () => {
  it('keeps the environment warm between invocations: module state carries over', async () => {
    const result = await run(twoTasks, [isolated('counter')]);
    expect(succeededOutputs(result)).toEqual([
      { invocations: 1, retryCount: 0 },
      { invocations: 2, retryCount: 0 },
    ]);
  });

  it("gives the handler in its thread the log stream of the engine's environment: one for warm invocations", async () => {
    const result = await run(twoTasks, [isolated('logStream')]);
    expect(result.status).toBe('SUCCEEDED');
    const [first, second] = succeededOutputs(result) as { logStreamName: string }[];
    expect(first?.logStreamName).toMatch(/^2025\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(second?.logStreamName).toBe(first?.logStreamName);
  });

  it('ends a busy loop at the function timeout and resets the environment: the retry is a cold start', async () => {
    const started = Date.now();
    const result = await run(
      singleTask('work', { Retry: [{ ErrorEquals: ['Sandbox.Timedout'], IntervalSeconds: 1, MaxAttempts: 1 }] }),
      [isolated('counter', 1)],
      {
        input: { spin: true },
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.error).toBe('Sandbox.Timedout');
    expect(offsetsOf(result, 'LambdaFunctionFailed')).toEqual([1]);
    expect(succeededOutputs(result)).toEqual([{ invocations: 1, retryCount: 1 }]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('forwards virtual sleeps and the virtual clock to the handler', async () => {
    const result = await run(singleTask('work'), [isolated('sleepsVirtually')]);
    expect(succeededOutputs(result)).toEqual([{ sleptMs: 1_500, remainingMs: 1_500 }]);
    expect(offsetsOf(result, 'LambdaFunctionSucceeded')).toEqual([1.5]);
  });

  it('forwards task-token answers to the engine, and its refusals back by name', async () => {
    const definition = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'work', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    };
    const result = await run(definition, [isolated('answersItsToken')]);
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ answered: true, refused: 'InvalidToken' });
  });

  it('runs callback-style handlers', async () => {
    const result = await run(singleTask('work'), [isolated('callbackStyle')]);
    expect(succeededOutputs(result)).toEqual([{ style: 'callback' }]);
  });

  it.each([
    ['throwsNamed', 'HTTPError', 'upstream returned 503'],
    ['throwsString', 'string', 'plain text'],
  ])('reports what %s threw as the in-process engine would', async (exportName, errorType, errorMessage) => {
    const result = await run(singleTask('work'), [isolated(exportName)]);
    const failed = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe(errorType);
    expect(parsed(failed?.cause)).toMatchObject({ errorType, errorMessage });
  });

  it("ends a thrown error's trace at the handler's frames, the same trace as in-process", async () => {
    const traceOf = async (fn: LocalFunction): Promise<string[]> => {
      const result = await run(singleTask('work'), [fn]);
      const cause = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.cause;
      return (parsed(cause) as { trace: string[] }).trace;
    };
    const handlers = (await import(file)) as Record<string, AnyHandler>;
    const inProcess: LocalFunction = {
      name: 'work',
      arn: arnOf('work'),
      timeoutSeconds: 3,
      invoke: (payload, context) => invokeHandler(handlers['throwsFromHelper'] as AnyHandler, payload, context),
    };
    const trace = await traceOf(isolated('throwsFromHelper'));
    expect(trace.map((line) => line.split(' (')[0])).toEqual([
      'Error: the helper failed',
      '    at failingHelper',
      '    at throwsFromHelper',
    ]);
    expect(trace.slice(1).every((line) => line.includes('fixtures/environments.mjs'))).toBe(true);
    // In-process, jest writes module paths where Node writes file URLs.
    expect(await traceOf(inProcess)).toEqual(trace.map((line) => line.replace('(file://', '(')));
  });
});
