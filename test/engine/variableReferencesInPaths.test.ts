import { describe, expect, it } from '@jest/globals';
import { localFunction, offsetsOf, parsed, run, singleInvokeTask, eventsOfType } from './helpers.js';

/** `$name` variable references in JSONPath path fields, as AWS resolves them (held-back AWS recordings). */
describe('variable references in InputPath, OutputPath, ItemsPath, SecondsPath and TimeoutSecondsPath', () => {
  const assignThen = (next: Record<string, unknown>) => ({
    StartAt: 'Assign',
    States: {
      Assign: { Type: 'Pass', Assign: { data: { inner: { x: 1 } }, items: [1, 2], seconds: 5, timeout: 7 }, Next: 'Use' },
      Use: { End: true, ...next },
    },
  });

  it('InputPath and OutputPath read a variable', async () => {
    const input = await run(assignThen({ Type: 'Pass', InputPath: '$data.inner' }), [], { input: { other: true } });
    expect(parsed(input.output)).toEqual({ x: 1 });
    const output = await run(assignThen({ Type: 'Pass', OutputPath: '$data' }), [], { input: { other: true } });
    expect(parsed(output.output)).toEqual({ inner: { x: 1 } });
  });

  it('ItemsPath reads a variable', async () => {
    const result = await run(
      assignThen({ Type: 'Map', ItemsPath: '$items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } } }),
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual([1, 2]);
  });

  it('SecondsPath reads a variable', async () => {
    const result = await run(assignThen({ Type: 'Wait', SecondsPath: '$seconds' }));
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'WaitStateExited')).toEqual([5]);
  });

  it('TimeoutSecondsPath reads a variable', async () => {
    const task = (singleInvokeTask('f', { TimeoutSecondsPath: '$timeout' }) as { States: Record<string, Record<string, unknown>> }).States[
      'Work'
    ];
    const result = await run(assignThen(task as Record<string, unknown>), [localFunction('f', () => ({ ok: true }))]);
    expect(result.status).toBe('SUCCEEDED');
    expect(eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails?.timeoutInSeconds).toBe(7);
  });
});
