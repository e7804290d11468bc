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

  it('prints the time it holds now, after setTime', () => {
    const timestamp = new HistoryTimestamp(Date.UTC(2024, 0, 1));
    JSON.stringify(timestamp);
    timestamp.setTime(Date.UTC(2025, 5, 6, 7, 8, 9, 10));
    expect(JSON.stringify(timestamp)).toBe('"2025-06-06T07:08:09.010Z"');
  });

  it('gives null as JSON for an invalid date, as Date#toJSON does', () => {
    expect(JSON.stringify({ timestamp: new HistoryTimestamp(Number.NaN) })).toBe(JSON.stringify({ timestamp: new Date(Number.NaN) }));
  });

  it('stamps every history event', () => {
    const history = new HistoryRecorder(() => Date.UTC(2024, 0, 1, 0, 0, 1));
    history.append('ExecutionStarted', {}, 0);
    const [event] = history.events;
    expect(event?.timestamp).toBeInstanceOf(HistoryTimestamp);
    expect(JSON.stringify(event)).toBe('{"id":1,"previousEventId":0,"timestamp":"2024-01-01T00:00:01.000Z","type":"ExecutionStarted"}');
  });
});
