import { RetrierDefault } from './limits.js';

export interface RetrierTiming {
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/**
 * The wait before a retry, before any jitter is drawn: the capped seconds of
 * {@link cappedRetryDelaySeconds}, and whether `JitterStrategy: FULL` turns it into a random point
 * between 0 and that value.
 */
export interface RetryWait {
  readonly cappedSeconds: number;
  readonly jitter: 'FULL' | 'NONE';
}

/**
 * Seconds before the retry a retrier grants for the `useCount`-th time (1-based) in one state visit,
 * before jitter: `IntervalSeconds * BackoffRate^(useCount-1)`, capped by `MaxDelaySeconds`.
 *
 * @example
 * ```ts
 * cappedRetryDelaySeconds({ IntervalSeconds: 3, MaxDelaySeconds: 5 }, 2); // 5 (3 * 2 = 6, capped)
 * ```
 */
export function cappedRetryDelaySeconds(retrier: RetrierTiming, useCount: number): number {
  const interval = retrier.IntervalSeconds ?? RetrierDefault.intervalSeconds;
  const rate = retrier.BackoffRate ?? RetrierDefault.backoffRate;
  const uncapped = interval * rate ** (useCount - 1);
  return retrier.MaxDelaySeconds === undefined ? uncapped : Math.min(uncapped, retrier.MaxDelaySeconds);
}

/**
 * The retry wait of a retrier's `useCount`-th use, jitter not yet drawn.
 *
 * @example
 * ```ts
 * retryWaitOf({ IntervalSeconds: 2, JitterStrategy: 'FULL' }, 3); // { cappedSeconds: 8, jitter: 'FULL' }
 * ```
 */
export function retryWaitOf(retrier: RetrierTiming, useCount: number): RetryWait {
  return { cappedSeconds: cappedRetryDelaySeconds(retrier, useCount), jitter: retrier.JitterStrategy ?? 'NONE' };
}

/**
 * The seconds actually waited: the capped wait, or with FULL jitter a point between 0 and it drawn
 * from `random`. AWS does not document the order of cap and jitter; jitter after the cap is what
 * independent checks against real histories found. The jitter distribution itself is UNCONFIRMED;
 * a uniform draw from `random` is used. `random` is called only when jitter applies, so a seeded run
 * draws the same sequence whatever the retriers without jitter do.
 *
 * @example
 * ```ts
 * retryWaitSeconds({ cappedSeconds: 8, jitter: 'NONE' }, Math.random); // 8
 * retryWaitSeconds({ cappedSeconds: 8, jitter: 'FULL' }, () => 0.25); // 2
 * ```
 */
export function retryWaitSeconds(wait: RetryWait, random: () => number): number {
  return wait.jitter === 'FULL' ? random() * wait.cappedSeconds : wait.cappedSeconds;
}

/**
 * The same wait in whole milliseconds, the resolution of history timestamps.
 *
 * @example
 * ```ts
 * retryWaitMs({ cappedSeconds: 4.5, jitter: 'NONE' }, Math.random); // 4500
 * ```
 */
export function retryWaitMs(wait: RetryWait, random: () => number): number {
  return Math.round(retryWaitSeconds(wait, random) * 1000);
}

/**
 * Seconds to wait before the retry a retrier grants for the `useCount`-th time (1-based) in one state
 * visit: {@link cappedRetryDelaySeconds}, then with FULL jitter a random point between 0 and it.
 *
 * @example
 * ```ts
 * retryDelaySeconds({ IntervalSeconds: 3, BackoffRate: 1.5 }, 2, Math.random); // 4.5
 * ```
 */
export function retryDelaySeconds(retrier: RetrierTiming, useCount: number, random: () => number): number {
  return retryWaitSeconds(retryWaitOf(retrier, useCount), random);
}
