import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { functionLogLines, recordFunctionLog, type LocalLambdaContext } from '../../src/engine/index.js';
import { arnOf, localFunction, run, startTime } from './helpers.js';

const oneTask = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: arnOf('work'), End: true } } };

/** Runs `oneTask` in a Map over `count` items and returns the context each invocation was given. */
async function contextsOf(count: number): Promise<LocalLambdaContext[]> {
  const contexts: LocalLambdaContext[] = [];
  const work = localFunction('work', (_event, context) => {
    contexts.push(context);
    return null;
  });
  const definition = {
    StartAt: 'Each',
    States: { Each: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...oneTask }, End: true } },
  };
  const result = await run(definition, [work], { input: Array.from({ length: count }, (_, index) => index) });
  expect(result.status).toBe('SUCCEEDED');
  return contexts;
}

describe('Lambda context of a local invocation', () => {
  it('names a log stream of the invocation day, the same on every read, listed like the other fields', async () => {
    const [context] = await contextsOf(1);
    if (context === undefined) throw new Error('the handler was not invoked');
    const day = startTime.toISOString().slice(0, 10).replaceAll('-', '/');
    expect(Object.keys(context)).toContain('logStreamName');
    expect(context.logStreamName).toMatch(new RegExp(`^${day}/\\[\\$LATEST\\][0-9a-f]{32}$`));
    expect(context.logStreamName).toBe(context.logStreamName);
    expect(JSON.parse(JSON.stringify(context)).logStreamName).toBe(context.logStreamName);
  });

  it('names the day of each run, when runs of one process start on different days', async () => {
    const startTimes = ['2025-01-01T23:59:59.999Z', '2025-01-02T00:00:00.000Z', '2024-12-31T12:00:00.000Z', '2025-01-02T08:00:00.000Z'];
    for (const start of startTimes) {
      let streamName = '';
      const work = localFunction('work', (_event, context) => {
        streamName = context.logStreamName;
        return null;
      });
      await run(oneTask, [work], { startTime: new Date(start) });
      expect(streamName.slice(0, 10)).toBe(start.slice(0, 10).replaceAll('-', '/'));
    }
  });

  // Lambda gives each execution environment one log stream for its life: warm invocations share it, each
  // concurrent invocation (an environment of its own) and the environment after a reset get a new one.
  it('keeps one log stream for the invocations a warm environment runs one after another', async () => {
    const streams: string[] = [];
    const work = localFunction('work', (_event, context) => {
      streams.push(context.logStreamName);
      if (streams.length < 3) throw Object.assign(new Error('busy'), { name: 'BusyError' });
      return null;
    });
    const retried = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: arnOf('work'), Retry: [{ ErrorEquals: ['BusyError'], IntervalSeconds: 1 }], Next: 'Again' },
        Again: { Type: 'Task', Resource: arnOf('work'), End: true },
      },
    };
    const result = await run(retried, [work]);
    expect(result.status).toBe('SUCCEEDED');
    expect(streams).toHaveLength(4);
    expect(new Set(streams).size).toBe(1);
  });

  it('starts a new log stream after a function timeout resets the environment', async () => {
    const streams: string[] = [];
    const work = localFunction(
      'work',
      async (_event, context) => {
        streams.push(context.logStreamName);
        if (streams.length === 1) await context.sfnChaos.sleep(5_000); // past the function's 3 s timeout
        return null;
      },
      { timeoutSeconds: 3 },
    );
    const retried = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: arnOf('work'), Retry: [{ ErrorEquals: ['Sandbox.Timedout'] }], Next: 'Again' },
        Again: { Type: 'Task', Resource: arnOf('work'), End: true },
      },
    };
    const result = await run(retried, [work]);
    expect(result.status).toBe('SUCCEEDED');
    expect(streams).toHaveLength(3);
    expect(streams[1]).not.toBe(streams[0]);
    expect(streams[2]).toBe(streams[1]);
  });

  it('shares warm environments between runs of functions with one environmentKey (the local target: one per function of the file)', async () => {
    const environmentKey = {};
    const streams: string[] = [];
    const handler = (_event: unknown, context: LocalLambdaContext) => {
      streams.push(context.logStreamName);
      return null;
    };
    await run(oneTask, [{ ...localFunction('work', handler), environmentKey }]);
    await run(oneTask, [{ ...localFunction('work', handler), environmentKey }]);
    await run(oneTask, [localFunction('work', handler)]);
    expect(streams[1]).toBe(streams[0]);
    expect(streams[2]).not.toBe(streams[0]);
  });

  it('keeps warm environments by function ARN when the resolver makes a new function object for every call', async () => {
    const streams: string[] = [];
    const twoTasks = {
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: arnOf('work'), Next: 'Second' },
        Second: { Type: 'Task', Resource: arnOf('work'), End: true },
      },
    };
    const result = await run(twoTasks, [], {
      functions: () =>
        localFunction('work', (_event, context) => {
          streams.push(context.logStreamName);
          return null;
        }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(streams).toHaveLength(2);
    expect(streams[1]).toBe(streams[0]);
  });

  it('gives each concurrent invocation a log stream of its own, and keeps the functions usable off the context', async () => {
    const contexts = await contextsOf(3);
    expect(new Set(contexts.map((context) => context.logStreamName)).size).toBe(3);
    for (const context of contexts) {
      const { now, getRemainingTimeInMillis } = { now: context.sfnChaos.now, getRemainingTimeInMillis: context.getRemainingTimeInMillis };
      expect(now()).toBe(startTime.getTime());
      expect(getRemainingTimeInMillis()).toBe(3_000);
    }
  });

  it("keeps the engine's record out of sight: not in the context's keys, symbols, JSON or console output", async () => {
    const [context] = await contextsOf(1);
    if (context === undefined) throw new Error('the handler was not invoked');
    expect(Object.getOwnPropertySymbols(context)).toEqual([]);
    expect(Object.keys(context.sfnChaos)).toEqual([
      'executionArn',
      'stateName',
      'retryCount',
      'sleep',
      'now',
      'sendTaskSuccess',
      'sendTaskFailure',
      'sendTaskHeartbeat',
    ]);
    expect(JSON.stringify(context)).not.toContain('startedAt');
    expect(inspect(context, { depth: 5 })).not.toContain('startedAt');
  });

  it('records log lines given with a copy of the context (a middleware may pass one on), and none for a look-alike', async () => {
    const [context] = await contextsOf(1);
    if (context === undefined) throw new Error('the handler was not invoked');
    recordFunctionLog({ ...context }, ['copied']);
    recordFunctionLog(context, ['original']);
    recordFunctionLog({ sfnChaos: { ...context.sfnChaos } }, ['look-alike']);
    expect(functionLogLines(context)).toEqual(['copied', 'original']);
    expect(functionLogLines({ ...context })).toEqual(['copied', 'original']);
    expect(functionLogLines({ sfnChaos: { ...context.sfnChaos } })).toEqual([]);
  });
});
