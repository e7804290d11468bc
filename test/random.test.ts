import { describe, expect, it } from '@jest/globals';
import { createRandom, seedToInt } from '../src/random.js';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = createRandom('scenario one');
    const b = createRandom('scenario one');
    const c = createRandom('scenario two');
    const seqA = [a(), a(), a(), a()];
    expect([b(), b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c(), c()]).not.toEqual(seqA);
    for (const value of seqA) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
  it('hashes strings and keeps numbers', () => {
    expect(seedToInt(42)).toBe(42);
    expect(seedToInt('x')).toBe(seedToInt('x'));
    expect(seedToInt('x')).not.toBe(seedToInt('y'));
  });
});
