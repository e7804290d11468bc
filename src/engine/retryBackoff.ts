import { RetrierDefault } from './limits.js';

export interface RetrierTiming {
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/**
 * Seconds to wait before the retry a retrier grants for the `useCount`-th time (1-based) in one state
 * visit: `IntervalSeconds * BackoffRate^(useCount-1)`, capped by `MaxDelaySeconds`, then with FULL
 * jitter a random point between 0 and that capped value. AWS does not document the order of cap and
 * jitter; jitter after the cap is what independent checks against real histories found.
 * The jitter distribution itself is UNCONFIRMED; a uniform draw from `random` is used.
 */
export function retryDelaySeconds(retrier: RetrierTiming, useCount: number, random: () => number): number {
  const interval = retrier.IntervalSeconds ?? RetrierDefault.intervalSeconds;
  const rate = retrier.BackoffRate ?? RetrierDefault.backoffRate;
  const uncapped = interval * rate ** (useCount - 1);
  const capped = retrier.MaxDelaySeconds === undefined ? uncapped : Math.min(uncapped, retrier.MaxDelaySeconds);
  return retrier.JitterStrategy === 'FULL' ? random() * capped : capped;
}

/** The same wait in whole milliseconds, the resolution of history timestamps. */
export function retryDelayMs(retrier: RetrierTiming, useCount: number, random: () => number): number {
  return Math.round(retryDelaySeconds(retrier, useCount, random) * 1000);
}
