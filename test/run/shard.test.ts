import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseShard, shardItems } from '../../src/run/shard.js';

interface Item {
  id: string;
  seconds: number;
}

const items = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 6 }), seconds: fc.integer({ min: 0, max: 500 }) }), {
  selector: (item) => item.id,
  maxLength: 60,
});

function part(all: readonly Item[], index: number, count: number): Item[] {
  return shardItems(
    all,
    { index, count },
    (item) => item.id,
    (item) => item.seconds,
  );
}

describe('shardItems', () => {
  it('is a partition: across shards 1..n every item comes exactly once, in its given order', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 9 }), (all, count) => {
        const parts = Array.from({ length: count }, (_, index) => part(all, index + 1, count));
        const seen = parts.flat();
        expect(seen).toHaveLength(all.length);
        expect(new Set(seen)).toEqual(new Set(all));
        for (const shard of parts) expect(shard).toEqual(all.filter((item) => shard.includes(item)));
      }),
    );
  });

  it('gives the same split on every call and whatever order the items come in', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 6 }), (all, count) => {
        const reversed = [...all].reverse();
        for (let index = 1; index <= count; index++) {
          const ids = part(all, index, count).map((item) => item.id);
          expect(part(all, index, count).map((item) => item.id)).toEqual(ids);
          expect(new Set(part(reversed, index, count).map((item) => item.id))).toEqual(new Set(ids));
        }
      }),
    );
  });

  it('balances by expected duration: the shards differ by at most the longest item (each counting 1 s more)', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 6 }), (all, count) => {
        const loads = Array.from({ length: count }, (_, index) =>
          part(all, index + 1, count).reduce((sum, item) => sum + item.seconds + 1, 0),
        );
        const longest = Math.max(0, ...all.map((item) => item.seconds + 1));
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(longest);
      }),
    );
  });

  it('puts the two longest scenarios on different shards', () => {
    const all = [
      { id: 'short', seconds: 1 },
      { id: 'long', seconds: 70 },
      { id: 'longer', seconds: 75 },
    ];
    expect(part(all, 1, 2).map((item) => item.id)).toEqual(['longer']);
    expect(part(all, 2, 2).map((item) => item.id)).toEqual(['short', 'long']);
  });
});

describe('shardItems with shared resources', () => {
  const withResources = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      seconds: fc.integer({ min: 0, max: 100 }),
      resources: fc.array(fc.constantFrom<string>('f1', 'f2', 'f3', 'f4', 'f5'), { maxLength: 2 }),
    }),
    { selector: (item) => item.id, maxLength: 40 },
  );

  it('keeps items that share a resource in one shard, and is still a partition', () => {
    fc.assert(
      fc.property(withResources, fc.integer({ min: 1, max: 5 }), (all, count) => {
        const parts = Array.from({ length: count }, (_, index) =>
          shardItems(
            all,
            { index: index + 1, count },
            (item) => item.id,
            (item) => item.seconds,
            (item) => item.resources,
          ),
        );
        expect(parts.flat()).toHaveLength(all.length);
        expect(new Set(parts.flat())).toEqual(new Set(all));
        for (const resource of ['f1', 'f2', 'f3', 'f4', 'f5']) {
          const holding = parts.filter((shard) => shard.some((item) => item.resources.includes(resource)));
          expect(holding.length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('parseShard', () => {
  it('reads i/n and refuses what is not 1 ≤ i ≤ n', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard takes i\/n/);
  });
});
