import { InvalidInputError } from '../errors.js';
import type { Scenario } from '../scenarios/types.js';

/** One part of a split run: `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads `--shard i/n` (1 ≤ i ≤ n).
 *
 * @example
 * ```ts
 * parseShard('2/4'); // { index: 2, count: 4 }
 * ```
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidInputError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), not ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/**
 * The items shard `shard` runs, in their given order. The split is deterministic and depends only on
 * each item's identity and expected duration, never on the machine or the order items come in: items
 * are sorted by expected duration, longest first (ties by identity, then by position among equal
 * identities), and each goes to the shard with the least expected duration so far (ties: the lowest
 * shard). So every item lands in exactly one of the `count` shards, and the shards' totals differ by at
 * most the longest item.
 *
 * @example
 * ```ts
 * shardItems(scenarios, { index: 1, count: 2 }, (s) => s.name, (s) => expectedSeconds(s));
 * ```
 */
export function shardItems<T>(items: readonly T[], shard: Shard, identity: (item: T) => string, expectedSeconds: (item: T) => number): T[] {
  const keyed = items.map((item, position) => ({ position, id: identity(item), cost: Math.max(0, expectedSeconds(item)) }));
  const seen = new Map<string, number>();
  const ordinal = keyed.map((entry) => {
    const n = seen.get(entry.id) ?? 0;
    seen.set(entry.id, n + 1);
    return n;
  });
  const order = keyed
    .map((entry, index) => ({ ...entry, ordinal: ordinal[index] as number }))
    .sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || a.ordinal - b.ordinal);
  const loads = new Array<number>(shard.count).fill(0);
  const mine = new Set<number>();
  for (const entry of order) {
    let least = 0;
    for (let candidate = 1; candidate < loads.length; candidate++)
      if ((loads[candidate] as number) < (loads[least] as number)) least = candidate;
    // Every item costs at least a little, so items of no expected duration are spread too.
    loads[least] = (loads[least] as number) + entry.cost + 1;
    if (least === shard.index - 1) mine.add(entry.position);
  }
  return items.filter((_, position) => mine.has(position));
}

/**
 * The backoff a scenario's expectations add up to (jitter bounds at their lower end): a lower bound of how
 * long it runs on AWS, by which `--shard` balances a run and a concurrent run starts long scenarios first.
 * Call it after `resolvePlanExpectations`, so `fromPlan:` expectations count too.
 *
 * @example
 * ```ts
 * expectedBackoffSeconds(scenario); // 70 for backoff: [10, 20, 40]
 * ```
 */
export function expectedBackoffSeconds(scenario: Pick<Scenario, 'expect'>): number {
  let total = 0;
  for (const state of Object.values(scenario.expect.states ?? {})) {
    for (const gap of state.backoff ?? []) total += typeof gap === 'number' ? gap : (gap.min ?? 0);
  }
  return total;
}
