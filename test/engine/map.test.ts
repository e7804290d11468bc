import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues, formatDefinitionIssue } from '../../src/engine/index.js';
import type { LocalLambdaContext } from '../../src/engine/index.js';
import { arnOf, eventsOfType, localFunction, namedError, offsetsOf, parsed, run, typesOf } from './helpers.js';

const task = (functionName: string, fields: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: arnOf(functionName),
  End: true,
  ...fields,
});
const processorOf = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) => ({
  ProcessorConfig: { Mode: 'INLINE' },
  StartAt: startAt,
  States: states,
});

function map(
  processorStates: Record<string, unknown>,
  fields: Record<string, unknown> = {},
  extraStates: Record<string, unknown> = {},
): unknown {
  return {
    StartAt: 'Each',
    States: { Each: { Type: 'Map', ItemProcessor: processorOf(processorStates), End: true, ...fields }, ...extraStates },
  };
}

/** A handler that sleeps `seconds` of virtual time and records how many invocations overlapped. */
function slowHandler(seconds: number) {
  const stats = { running: 0, mostAtOnce: 0, calls: 0 };
  const handler = async (event: unknown, context: LocalLambdaContext) => {
    stats.calls += 1;
    stats.running += 1;
    stats.mostAtOnce = Math.max(stats.mostAtOnce, stats.running);
    await context.sfnChaos.sleep(seconds * 1000);
    stats.running -= 1;
    return event;
  };
  return { handler, stats };
}

describe('Map: iterations', () => {
  it('runs the processor once per item of ItemsPath and returns the outputs in item order', async () => {
    const result = await run(
      map({ Double: task('double') }, { ItemsPath: '$.orders', ResultPath: '$.doubled' }),
      [localFunction('double', async (event) => (event as number) * 2)],
      { input: { orders: [1, 2, 3] } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ orders: [1, 2, 3], doubled: [2, 4, 6] });
    expect(eventsOfType(result, 'MapStateStarted')[0]?.mapStateStartedEventDetails).toEqual({ length: 3 });
    expect(eventsOfType(result, 'MapIterationStarted').map((event) => event.mapIterationStartedEventDetails)).toEqual([
      { name: 'Each', index: 0 },
      { name: 'Each', index: 1 },
      { name: 'Each', index: 2 },
    ]);
    expect(eventsOfType(result, 'MapIterationSucceeded')).toHaveLength(3);
    expect(typesOf(result).slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('succeeds with an empty array without starting an iteration', async () => {
    const result = await run(map({ Echo: { Type: 'Pass', End: true } }), [], { input: [] });
    expect(parsed(result.output)).toEqual([]);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('links like the AWS recording with MaxConcurrency 1: the next iteration starts from the previous iteration’s last state event', async () => {
    const result = await run(map({ Echo: { Type: 'Pass', End: true } }, { MaxConcurrency: 1 }), [], { input: ['a', 'b'] });
    const [firstExited, secondExited] = eventsOfType(result, 'PassStateExited');
    const [, secondStarted] = eventsOfType(result, 'MapIterationStarted');
    const [firstSucceeded, secondSucceeded] = eventsOfType(result, 'MapIterationSucceeded');
    expect(firstSucceeded?.previousEventId).toBe(firstExited?.id);
    expect(secondStarted?.previousEventId).toBe(firstExited?.id);
    expect(eventsOfType(result, 'MapStateSucceeded')[0]?.previousEventId).toBe(secondSucceeded?.id);
    expect(eventsOfType(result, 'MapStateExited')[0]?.previousEventId).toBe(secondSucceeded?.id);
    expect(secondExited?.id).toBeLessThan(secondSucceeded?.id ?? 0);
  });

  it('fails with States.Runtime when ItemsPath does not select an array', async () => {
    const result = await run(map({ Echo: { Type: 'Pass', End: true } }, { ItemsPath: '$.orders' }), [], { input: { orders: 'none' } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain("The ItemsPath '$.orders' must select an array");
  });
});

describe('Map: MaxConcurrency on the virtual clock', () => {
  it.each([
    [0, 10, 5],
    [1, 50, 1],
    [2, 30, 2],
    [5, 10, 5],
  ])('MaxConcurrency %i: five 10 s iterations take %i s with at most %i at once', async (maxConcurrency, seconds, mostAtOnce) => {
    const { handler, stats } = slowHandler(10);
    const result = await run(
      map({ Slow: task('slow', { TimeoutSeconds: 60 }) }, { MaxConcurrency: maxConcurrency }),
      [localFunction('slow', handler, { timeoutSeconds: 60 })],
      {
        input: [1, 2, 3, 4, 5],
      },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual([1, 2, 3, 4, 5]);
    expect(stats.mostAtOnce).toBe(mostAtOnce);
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(seconds * 1000);
  });
});

describe('Map: failed iterations', () => {
  const failOn = (badItems: readonly number[]) =>
    localFunction(
      'check',
      async (event, context) => {
        await context.sfnChaos.sleep((event as number) * 1000);
        if (badItems.includes(event as number)) throw namedError('ItemRejected', `item ${String(event)}`);
        return event;
      },
      { timeoutSeconds: 60 },
    );

  it('fails the state with the iteration error, aborts running iterations and never starts pending ones', async () => {
    const result = await run(map({ Check: task('check') }, { MaxConcurrency: 3 }), [failOn([1])], { input: [1, 2, 3, 4] });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('ItemRejected');
    expect(eventsOfType(result, 'MapIterationFailed').map((event) => event.mapIterationFailedEventDetails)).toEqual([
      { name: 'Each', index: 0 },
    ]);
    expect(eventsOfType(result, 'MapIterationAborted').map((event) => event.mapIterationAbortedEventDetails?.index)).toEqual([1, 2]);
    expect(eventsOfType(result, 'MapIterationStarted')).toHaveLength(3);
    expect(typesOf(result).slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
    expect(offsetsOf(result, 'MapStateFailed')).toEqual([1]);
  });

  it('ToleratedFailureCount lets that many iterations fail; their error output takes their place in the result', async () => {
    const result = await run(map({ Check: task('check') }, { ToleratedFailureCount: 1 }), [failOn([2])], { input: [1, 2, 3] });
    expect(result.status).toBe('SUCCEEDED');
    const output = parsed(result.output) as unknown[];
    expect(output[0]).toBe(1);
    expect(output[1]).toMatchObject({ Error: 'ItemRejected' });
    expect(output[2]).toBe(3);
    expect(eventsOfType(result, 'MapIterationFailed')).toHaveLength(1);
  });

  it('one failure more than ToleratedFailureCount fails the state with States.ExceedToleratedFailureThreshold', async () => {
    const result = await run(map({ Check: task('check') }, { ToleratedFailureCount: 1 }), [failOn([1, 3])], { input: [1, 2, 3, 4] });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(eventsOfType(result, 'MapIterationFailed')).toHaveLength(2);
    expect(eventsOfType(result, 'MapIterationAborted').map((event) => event.mapIterationAbortedEventDetails?.index)).toEqual([3]);
  });

  it.each([
    [25, [2], 'SUCCEEDED'],
    [25, [2, 3], 'FAILED'],
    [50, [2, 3], 'SUCCEEDED'],
  ])('ToleratedFailurePercentage %i with items %j failing out of 4: %s', async (percentage, bad, status) => {
    const result = await run(map({ Check: task('check') }, { ToleratedFailurePercentage: percentage }), [failOn(bad)], {
      input: [1, 2, 3, 4],
    });
    expect(result.status).toBe(status);
    if (status === 'FAILED') expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('retries the whole Map: every item runs again after the backoff, under one MapStateEntered', async () => {
    const calls: number[] = [];
    let failedOnce = false;
    const result = await run(
      map({ Check: task('check') }, { Retry: [{ ErrorEquals: ['ItemRejected'], IntervalSeconds: 2, MaxAttempts: 2 }] }),
      [
        localFunction('check', async (event) => {
          calls.push(event as number);
          if (event === 2 && !failedOnce) {
            failedOnce = true;
            throw namedError('ItemRejected');
          }
          return event;
        }),
      ],
      { input: [1, 2] },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual([1, 2]);
    expect(calls.sort()).toEqual([1, 1, 2, 2]);
    expect(eventsOfType(result, 'MapStateEntered')).toHaveLength(1);
    expect(offsetsOf(result, 'MapStateStarted')).toEqual([0, 2]);
    expect(typesOf(result)).not.toContain('MapStateFailed');
  });

  it('catches an iteration failure with the Map Catch', async () => {
    const result = await run(
      map(
        { Check: task('check') },
        { Catch: [{ ErrorEquals: ['ItemRejected'], Next: 'Recover' }] },
        { Recover: { Type: 'Pass', End: true } },
      ),
      [failOn([1])],
      { input: [1] },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toMatchObject({ Error: 'ItemRejected' });
    const failed = eventsOfType(result, 'MapStateFailed')[0];
    expect(eventsOfType(result, 'MapStateExited')[0]?.previousEventId).toBe(failed?.id);
  });

  it('gives each iteration its own retry counter for a Task inside the Map', async () => {
    const seen: Record<number, number[]> = {};
    const result = await run(
      map({ Check: task('check', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3 }] }) }),
      [
        localFunction('check', async (event, context) => {
          const item = event as number;
          (seen[item] ??= []).push(context.sfnChaos.retryCount);
          if (context.sfnChaos.retryCount < item) throw namedError('Flaky');
          return item;
        }),
      ],
      { input: [0, 2, 1] },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(seen).toEqual({ 0: [0], 1: [0, 1], 2: [0, 1, 2] });
  });
});

describe('Map: ItemSelector and the context object', () => {
  it('builds each iteration input from $$.Map.Item.Index, $$.Map.Item.Value and the Map input', async () => {
    const result = await run(
      map(
        { Echo: { Type: 'Pass', End: true } },
        { ItemsPath: '$.items', ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'batch.$': '$.batch' } },
      ),
      [],
      { input: { batch: 'b-1', items: ['x', 'y'] } },
    );
    expect(parsed(result.output)).toEqual([
      { index: 0, value: 'x', batch: 'b-1' },
      { index: 1, value: 'y', batch: 'b-1' },
    ]);
  });

  it('runs the older Iterator with Parameters the same way', async () => {
    const result = await run(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Iterator: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
            Parameters: { 'n.$': '$$.Map.Item.Value' },
            End: true,
          },
        },
      },
      [],
      { input: [5, 6] },
    );
    expect(parsed(result.output)).toEqual([{ n: 5 }, { n: 6 }]);
  });

  it('applies ResultSelector and OutputPath to the array of results', async () => {
    const result = await run(
      map({ Echo: { Type: 'Pass', End: true } }, { ResultSelector: { 'last.$': '$[2]' }, OutputPath: '$.last' }),
      [],
      {
        input: [1, 2, 3],
      },
    );
    expect(parsed(result.output)).toBe(3);
  });
});

describe('Map: scale', () => {
  it('runs 1,000 items with two retries each, all at once on the virtual clock', async () => {
    // How fast is for bench/engine to say (it compares with a peer in the same run); a wall-clock limit
    // here would only measure how busy the machine is.
    const attempts = new Map<number, number>();
    const flakyError = namedError('Flaky');
    const flaky = localFunction('flaky', async (event) => {
      const item = event as number;
      const count = (attempts.get(item) ?? 0) + 1;
      attempts.set(item, count);
      if (count < 3) throw flakyError;
      return item;
    });
    const items = Array.from({ length: 1000 }, (_, index) => index);
    const definition = map({ Work: task('flaky', { Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 2 }] }) });
    const result = await run(definition, [flaky], { input: items });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual(items);
    expect(eventsOfType(result, 'LambdaFunctionScheduled')).toHaveLength(3000);
    // Backoff 1 s + 2 s, every item at once.
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(3000);
  });
});

describe('Map: definition checks', () => {
  it('refuses a Map without a processor, and a Next that leaves the processor', () => {
    const issues = [
      ...findDefinitionIssues({ StartAt: 'Each', States: { Each: { Type: 'Map', End: true } } }),
      ...findDefinitionIssues(map({ Echo: { Type: 'Pass', Next: 'Each' } })),
    ].map(formatDefinitionIssue);
    expect(issues).toContain('States["Each"]: A Map state needs exactly one of ItemProcessor and Iterator');
    expect(issues).toContain(
      'States["Each"].ItemProcessor.States["Echo"].Next: Missing \'Next\' target: "Each" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    );
  });

  it('reports the dynamic settings it does not read yet', () => {
    const issues = findDefinitionIssues(map({ Echo: { Type: 'Pass', End: true } }, { MaxConcurrencyPath: '$.limit' })).map(
      formatDefinitionIssue,
    );
    expect(issues).toContain(
      'States["Each"].MaxConcurrencyPath: MaxConcurrencyPath on an inline Map is not supported by the local engine yet',
    );
  });
});
