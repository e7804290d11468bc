import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isoTimestamp } from '../src/isoTimestamp.js';

describe('Function: isoTimestamp', () => {
  it('gives exactly what Date#toISOString gives, for any valid time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 - 1 }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
        // Asked again for the same instant (the remembered one) and then for its neighbour.
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
        expect(isoTimestamp(ms + 1)).toBe(new Date(ms + 1).toISOString());
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['the first instant of year 1000', Date.UTC(1000, 0, 1)],
    ['the last millisecond of year 9999', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
    ['year 10000', Date.UTC(10000, 0, 1)],
    ['year 999', Date.UTC(999, 11, 31, 23, 59, 59, 999)],
    ['a single-digit millisecond', Date.UTC(2024, 1, 29, 3, 4, 5, 7)],
    ['the epoch', 0],
    ['before the epoch', -1],
    ['the last valid instant', 8.64e15],
    ['the first valid instant', -8.64e15],
  ])('matches toISOString at %s', (_label, ms) => {
    expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws the RangeError toISOString throws for an invalid time', () => {
    expect(() => isoTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => isoTimestamp(8.64e15 + 1)).toThrow(RangeError);
  });
});
