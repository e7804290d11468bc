import { describe, expect, it } from '@jest/globals';
import { VirtualClock } from '../../src/engine/index.js';
import type { LocalLambdaContext } from '../../src/engine/index.js';
import { arnOf, localFunction, namedError, run } from './helpers.js';

/** A promise chain longer than any number of quick microtask turns the clock may spin. */
async function longChain(turns: number): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await undefined;
}

/** A Map over `itemCount` items whose Task fails once per item and is retried after 1 s. */
function mapWithOneRetryPerItem(itemCount: number) {
  const definition = {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        MaxConcurrency: 10,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: arnOf('work'),
              Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 1 }],
              End: true,
            },
          },
        },
        End: true,
      },
    },
  };
  const work = localFunction('work', (event: unknown, context: LocalLambdaContext) => {
    if (context.sfnChaos.retryCount === 0) throw namedError('Busy');
    return event;
  });
  const input = Array.from({ length: itemCount }, (_, index) => index);
  return { definition, functions: [work], input };
}

describe('VirtualClock: settling after a timer fires', () => {
  it('lets the chain a timer woke run to its end before the next timer due at the same instant fires', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    clock.schedule(1_000, () => {
      void longChain(500).then(() => order.push('first chain done'));
    });
    clock.schedule(1_000, () => order.push('second timer'));
    await clock.sleep(2_000);
    expect(order).toEqual(['first chain done', 'second timer']);
  });

  it('still takes event-loop turns during a long run, so real timers and signals are not held off', async () => {
    const { definition, functions, input } = mapWithOneRetryPerItem(300);
    // The first run of a definition checks it, which may itself yield: only the second run is observed.
    await run(definition, functions, { input });
    // Counts the event-loop turns taken while the execution runs. Waiting for a Map to start its
    // iterations takes one; the 300 retry timers must add more.
    let done = false;
    let turns = 0;
    const countTurn = (): void => {
      if (done) return;
      turns += 1;
      setImmediate(countTurn);
    };
    const execution = run(definition, functions, { input });
    setImmediate(countTurn);
    const result = await execution;
    done = true;
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('Map history: the same on every run', () => {
  it('writes the same events, ids and links when the same Map runs twice', async () => {
    const { definition, functions, input } = mapWithOneRetryPerItem(60);
    const skeletonOf = async () => {
      const result = await run(definition, functions, { input });
      expect(result.status).toBe('SUCCEEDED');
      return result.events.map((event) => ({
        id: event.id,
        previousEventId: event.previousEventId,
        type: event.type,
        timestamp: event.timestamp?.getTime(),
        iteration: event.mapIterationStartedEventDetails?.index ?? event.mapIterationSucceededEventDetails?.index,
        input: event.lambdaFunctionScheduledEventDetails?.input,
      }));
    };
    const first = await skeletonOf();
    const second = await skeletonOf();
    expect(first).toHaveLength(6 + 60 * 10);
    expect(second).toEqual(first);
  });

  it('returns the same event objects, with Date timestamps, every time the history is read', async () => {
    const { definition, functions, input } = mapWithOneRetryPerItem(3);
    const result = await run(definition, functions, { input });
    const events = result.events;
    expect(events.every((event) => event.timestamp instanceof Date)).toBe(true);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.at(-1)?.timestamp?.getTime()).toBe(result.stopDate.getTime());
  });
});
