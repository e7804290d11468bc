import { createRandom } from '../random.js';
import type { ChaosConfig } from './types.js';

/** The two random streams of one invocation: fire/skip draws, and latency draws. */
export interface FaultRandomStreams {
  select: () => number;
  latency: () => number;
}

/**
 * The random streams a config's `seed` gives, kept across invocations so that a seeded sequence goes
 * on where the last invocation left it; without a seed both streams are `Math.random`.
 *
 * @example
 * ```ts
 * const randoms = new FaultRandoms();
 * randoms.for('checkout').select(); // the same sequence in every execution environment
 * ```
 */
export class FaultRandoms {
  #random: ({ seed: ChaosConfig['seed'] } & FaultRandomStreams) | undefined;

  /** The streams for `seed`: new ones when the seed changed since the last call. */
  for(seed: ChaosConfig['seed']): FaultRandomStreams {
    if (seed === undefined) return { select: Math.random, latency: Math.random };
    if (this.#random?.seed !== seed) {
      // Latency draws use their own stream so that they never shift the fire/skip sequence.
      this.#random = { seed, select: createRandom(seed), latency: createRandom(`${String(seed)}:latency`) };
    }
    return this.#random;
  }
}
