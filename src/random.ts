import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seed as users write it: a number, or any string (hashed to 32 bits). */
export type Seed = number | string;

/** FNV-1a: a stable 32-bit hash so that string seeds such as scenario names give repeatable sequences. */
export function seedToInt(seed: Seed): number {
  if (typeof seed === 'number') return seed | 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A seeded source of uniform numbers in [0, 1): the same seed always yields the same sequence. */
export function createRandom(seed: Seed): () => number {
  const generator = xoroshiro128plus(seedToInt(seed));
  return () => uniformFloat64(generator);
}
