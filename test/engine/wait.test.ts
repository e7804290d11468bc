import { describe, expect, it } from '@jest/globals';
import { offsetsOf, parsed, run } from './helpers.js';

const waitThenDone = (wait: Record<string, unknown>) => ({
  StartAt: 'Pause',
  States: { Pause: { Type: 'Wait', Next: 'Done', ...wait }, Done: { Type: 'Succeed' } },
});

describe('Wait state on the virtual clock', () => {
  it('waits Seconds', async () => {
    const result = await run(waitThenDone({ Seconds: 90 }), [], { input: { a: 1 } });
    expect(offsetsOf(result, 'WaitStateEntered')).toEqual([0]);
    expect(offsetsOf(result, 'WaitStateExited')).toEqual([90]);
    expect(parsed(result.output)).toEqual({ a: 1 });
  });

  it('waits the SecondsPath value', async () => {
    const result = await run(waitThenDone({ SecondsPath: '$.delay' }), [], { input: { delay: 42 } });
    expect(offsetsOf(result, 'WaitStateExited')).toEqual([42]);
  });

  it('waits until Timestamp, or not at all for a past one', async () => {
    expect(offsetsOf(await run(waitThenDone({ Timestamp: '2025-01-01T01:00:00Z' })), 'WaitStateExited')).toEqual([3600]);
    expect(offsetsOf(await run(waitThenDone({ Timestamp: '2024-01-01T00:00:00Z' })), 'WaitStateExited')).toEqual([0]);
  });

  it('waits until the TimestampPath value, honouring its offset', async () => {
    const result = await run(waitThenDone({ TimestampPath: '$.until' }), [], { input: { until: '2025-01-01T02:30:00+02:00' } });
    expect(offsetsOf(result, 'WaitStateExited')).toEqual([1800]);
  });

  it('applies InputPath and OutputPath', async () => {
    const result = await run(waitThenDone({ Seconds: 1, InputPath: '$.a', OutputPath: '$.b' }), [], { input: { a: { b: 'kept' } } });
    expect(parsed(result.output)).toBe('kept');
  });

  it('fails with States.Runtime when SecondsPath selects something other than a non-negative integer', async () => {
    const result = await run(waitThenDone({ SecondsPath: '$.delay' }), [], { input: { delay: 'soon' } });
    expect(result.error).toBe('States.Runtime');
  });
});
