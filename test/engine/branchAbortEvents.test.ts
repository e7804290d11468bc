import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from '@jest/globals';
import { localFunction, namedError, run } from './helpers.js';

/**
 * Held-back AWS recordings: when one Map iteration or Parallel branch fails, the Tasks still open in
 * the others are closed with `TaskStateAborted` and each other Map iteration writes
 * `MapIterationAborted`, all linked to the failing event; a Map without MaxConcurrency writes every
 * `MapIterationStarted` (linked to `MapStateStarted`) before any state in its iterations.
 */

const work = localFunction(
  'work',
  async (event, context) => {
    const { seconds, fail } = event as { seconds: number; fail?: boolean };
    await context.sfnChaos.sleep(seconds * 1000);
    if (fail === true) throw namedError('ItemRejected');
    return seconds;
  },
  { timeoutSeconds: 60 },
);

const lambdaTask = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'work', 'Payload.$': '$' },
  End: true,
};

/** Each event as `id prev type`, from the first event of `fromType` on, for order-and-link comparisons. */
function chainFrom(events: readonly HistoryEvent[], fromType: string): string[] {
  const start = events.findIndex((event) => event.type === fromType);
  return events.slice(start).map((event) => `${event.id} ${event.previousEventId} ${event.type}`);
}

describe('aborted branches: Map without MaxConcurrency', () => {
  it('starts every iteration first, then closes the other iterations’ open Tasks and the iterations, linked to the failing event', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: lambdaTask } },
          End: true,
        },
      },
    };
    const result = await run(definition, [work], { input: [{ seconds: 5 }, { seconds: 1, fail: true }, { seconds: 5 }] });
    expect(result.status).toBe('FAILED');
    const chain = chainFrom(result.events, 'MapStateStarted');
    expect(chain.slice(0, 4)).toEqual([
      '3 2 MapStateStarted',
      '4 3 MapIterationStarted',
      '5 3 MapIterationStarted',
      '6 3 MapIterationStarted',
    ]);
    // Then each iteration's own chain, the first from its MapIterationStarted.
    expect(chain[4]).toBe('7 4 TaskStateEntered');
    expect(chain.filter((line) => line.endsWith('TaskStateEntered')).map((line) => line.split(' ')[1])).toEqual(['4', '5', '6']);
    const failed = result.events.find((event) => event.type === 'TaskFailed') as HistoryEvent;
    const failing = failed.id as number;
    expect(chainFrom(result.events, 'TaskFailed')).toEqual([
      `${failing} ${failed.previousEventId} TaskFailed`,
      `${failing + 1} ${failing} MapIterationFailed`,
      `${failing + 2} ${failing} TaskStateAborted`,
      `${failing + 3} ${failing} MapIterationAborted`,
      `${failing + 4} ${failing} TaskStateAborted`,
      `${failing + 5} ${failing} MapIterationAborted`,
      `${failing + 6} ${failing} MapStateFailed`,
      `${failing + 7} ${failing + 6} ExecutionFailed`,
    ]);
    expect(
      result.events.filter((event) => event.type === 'MapIterationAborted').map((event) => event.mapIterationAbortedEventDetails),
    ).toEqual([
      { name: 'Each', index: 0 },
      { name: 'Each', index: 2 },
    ]);
  });

  it('writes no TaskStateAborted for an iteration whose Task already ended', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Work',
            States: { Work: { ...lambdaTask, End: undefined, Next: 'Hold' }, Hold: { Type: 'Wait', Seconds: 100, End: true } },
          },
          End: true,
        },
      },
    };
    const result = await run(definition, [work], { input: [{ seconds: 1 }, { seconds: 2, fail: true }] });
    const types = chainFrom(result.events, 'MapIterationFailed').map((line) => line.split(' ')[2]);
    // Iteration 0 is in its Wait state: WaitStateAborted (UNCONFIRMED by analogy), not TaskStateAborted.
    expect(types).toEqual(['MapIterationFailed', 'WaitStateAborted', 'MapIterationAborted', 'MapStateFailed', 'ExecutionFailed']);
  });
});

describe('aborted branches: Parallel', () => {
  it('closes the other branches’ open Tasks with TaskStateAborted linked to the failing event, then ParallelStateFailed', async () => {
    const branch = (seconds: number, fail = false) => ({
      StartAt: 'Work',
      States: { Work: { ...lambdaTask, Parameters: { FunctionName: 'work', Payload: { seconds, fail } } } },
    });
    const definition = {
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', Branches: [branch(5), branch(1, true), branch(7)], End: true } },
    };
    const result = await run(definition, [work]);
    expect(result.status).toBe('FAILED');
    const failed = result.events.find((event) => event.type === 'TaskFailed') as HistoryEvent;
    const failing = failed.id as number;
    expect(chainFrom(result.events, 'TaskFailed')).toEqual([
      `${failing} ${failed.previousEventId} TaskFailed`,
      `${failing + 1} ${failing} TaskStateAborted`,
      `${failing + 2} ${failing} TaskStateAborted`,
      `${failing + 3} ${failing} ParallelStateFailed`,
      `${failing + 4} ${failing + 3} ExecutionFailed`,
    ]);
  });

  it('writes no abort events when the state is caught and the branches had nothing open', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Boom' } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }],
          Next: 'After',
        },
        After: { Type: 'Pass', End: true },
      },
    };
    const result = await run(definition);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.events.some((event) => event.type?.endsWith('Aborted'))).toBe(false);
  });
});
