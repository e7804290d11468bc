import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { HistoryTimestamp } from '../../src/engine/runtime/HistoryTimestamp.js';
import { HistoryRecorder } from '../../src/engine/runtime/HistoryRecorder.js';

describe('Class: HistoryTimestamp', () => {
  it('is a Date whose JSON text and ISO string are exactly a plain Date’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        const timestamp = new HistoryTimestamp(ms);
        expect(timestamp).toBeInstanceOf(Date);
        expect(timestamp.getTime()).toBe(ms);
        expect(JSON.stringify({ timestamp })).toBe(JSON.stringify({ timestamp: new Date(ms) }));
        expect(timestamp.toISOString()).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 1000 },
    );
  });

  it.each(['setTime', 'setMilliseconds', 'setUTCHours', 'setDate', 'setMonth', 'setFullYear', 'setUTCFullYear', 'setYear'])(
    'refuses %s: events at the same instant share their timestamp',
    (setter) => {
      const timestamp = new HistoryTimestamp(Date.UTC(2024, 0, 1));
      const set = (timestamp as unknown as Record<string, (value: number) => number>)[setter] as (value: number) => number;
      expect(() => set.call(timestamp, 1)).toThrow(TypeError);
      expect(timestamp.getTime()).toBe(Date.UTC(2024, 0, 1));
    },
  );

  it('gives null as JSON for an invalid date, as Date#toJSON does', () => {
    expect(JSON.stringify({ timestamp: new HistoryTimestamp(Number.NaN) })).toBe(JSON.stringify({ timestamp: new Date(Number.NaN) }));
  });

  it('stamps every history event, one timestamp per instant', () => {
    let now = Date.UTC(2024, 0, 1, 0, 0, 1);
    const history = new HistoryRecorder(() => now);
    history.append('ExecutionStarted', {}, 0);
    history.append('PassStateEntered');
    const [started, entered] = history.events;
    now += 1000;
    history.append('PassStateExited');
    const exited = history.events[2];
    expect(started?.timestamp).toBeInstanceOf(HistoryTimestamp);
    expect(JSON.stringify(started)).toBe('{"id":1,"previousEventId":0,"timestamp":"2024-01-01T00:00:01.000Z","type":"ExecutionStarted"}');
    expect(entered?.timestamp).toBe(started?.timestamp);
    expect(exited?.timestamp).not.toBe(entered?.timestamp);
    expect(exited?.timestamp).toEqual(new Date(Date.UTC(2024, 0, 1, 0, 0, 2)));
  });
});
