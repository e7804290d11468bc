import { randomUUID } from 'node:crypto';

/**
 * `length` random hex digits (up to 32) for identifiers AWS makes random (log stream suffixes, trace
 * ids). Built on `randomUUID`, which draws from a cached entropy pool: `randomBytes` per call costs a
 * system call and showed up as the engine's largest hot spot. Two digits of a UUID are fixed by its
 * version and variant; irrelevant for identifiers that only need to be unique.
 */
export function randomHex(length: number): string {
  return randomUUID().replaceAll('-', '').slice(0, length);
}
