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
 * each item's identity, expected duration and shared resources, never on the machine or the order items
 * come in. Items that share a resource (`together`: for the AWS target, the deployed functions a scenario
 * arms) form one group, so that two shards running at once never arm the same function; each group costs
 * its items' expected seconds plus one second per item and is named by its smallest identity. Groups are
 * sorted by cost, highest first (ties by name, then by position among equal names), and each goes to
 * the shard with the lowest total so far (ties: the lowest shard). So every item lands in exactly one of
 * the `count` shards, and the shards' totals differ by at most the costliest group.
 *
 * @example
 * ```ts
 * shardItems(scenarios, { index: 1, count: 2 }, (s) => s.name, (s) => expectedBackoffSeconds(s));
 * ```
 */
export function shardItems<T>(
  items: readonly T[],
  shard: Shard,
  identity: (item: T) => string,
  expectedSeconds: (item: T) => number,
  together: (item: T) => readonly string[] = () => [],
): T[] {
  const ids = items.map(identity);
  // Union-find over the items, joined through the resources they share.
  const parent = items.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) at = parent[at] as number;
    parent[index] = at;
    return at;
  };
  const owner = new Map<string, number>();
  items.forEach((item, index) => {
    for (const resource of together(item)) {
      const other = owner.get(resource);
      if (other === undefined) owner.set(resource, index);
      else parent[root(index)] = root(other);
    }
  });
  const groups = new Map<number, { name: string; cost: number; members: number[] }>();
  items.forEach((item, index) => {
    const key = root(index);
    const group = groups.get(key) ?? { name: ids[index] as string, cost: 0, members: [] };
    const id = ids[index] as string;
    if (id < group.name) group.name = id;
    group.cost += Math.max(0, expectedSeconds(item)) + 1;
    group.members.push(index);
    groups.set(key, group);
  });
  const seen = new Map<string, number>();
  const order = [...groups.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((group) => {
      const ordinal = seen.get(group.name) ?? 0;
      seen.set(group.name, ordinal + 1);
      return { ...group, ordinal };
    })
    .sort((a, b) => b.cost - a.cost || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.ordinal - b.ordinal);
  const loads = new Array<number>(shard.count).fill(0);
  const mine = new Set<number>();
  for (const group of order) {
    let least = 0;
    for (let candidate = 1; candidate < loads.length; candidate++)
      if ((loads[candidate] as number) < (loads[least] as number)) least = candidate;
    loads[least] = (loads[least] as number) + group.cost;
    if (least === shard.index - 1) for (const member of group.members) mine.add(member);
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
