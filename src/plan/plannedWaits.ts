import { retryWaitOf, retryWaitSeconds, type RetryWait } from '../engine/asl/retryBackoff.js';
import type { PlannedWait, PlanRetrier } from './types.js';

/**
 * The wait before the retry a retrier grants for the `useCount`-th time (1-based), computed by the
 * engine's own backoff function so that the plan and a local run can never disagree. With
 * `JitterStrategy: FULL` the engine draws a random point of [0, capped wait]; asking it with the
 * draw pinned at 0 and at 1 gives the bounds. (The jitter distribution on AWS is UNCONFIRMED; only
 * the bounds are claimed.)
 *
 * @example
 * ```ts
 * plannedWait({ ErrorEquals: ['HTTPError'], IntervalSeconds: 10 }, 3); // 40
 * plannedWait({ ErrorEquals: ['HTTPError'], IntervalSeconds: 2, JitterStrategy: 'FULL' }, 2); // { min: 0, max: 4 }
 * ```
 */
export function plannedWait(retrier: PlanRetrier, useCount: number): PlannedWait {
  return plannedWaitOf(retryWaitOf(retrier, useCount));
}

/**
 * A retry wait as the engine's decision gives it (jitter not yet drawn), as a plan states it: exact
 * seconds, or the bounds of a FULL-jitter draw.
 *
 * @example
 * ```ts
 * plannedWaitOf({ cappedSeconds: 40, jitter: 'NONE' }); // 40
 * plannedWaitOf({ cappedSeconds: 4, jitter: 'FULL' }); // { min: 0, max: 4 }
 * ```
 */
export function plannedWaitOf(wait: RetryWait): PlannedWait {
  const shortest = retryWaitSeconds(wait, () => 0);
  const longest = retryWaitSeconds(wait, () => 1);
  return shortest === longest ? longest : { min: shortest, max: longest };
}

/** The longest a planned wait can be. */
export function longestWait(wait: PlannedWait): number {
  return typeof wait === 'number' ? wait : wait.max;
}

/**
 * Sum of the longest waits of the first `retries` uses of a retrier. Once the wait stops growing
 * (BackoffRate 1, or MaxDelaySeconds reached) the rest is a multiplication, so a retrier with
 * `MaxAttempts: 99999999` costs a few steps, not a hundred million.
 */
export function worstCaseWaitSeconds(retrier: PlanRetrier, retries: number): number {
  let total = 0;
  let previous: number | undefined;
  for (let useCount = 1; useCount <= retries; useCount++) {
    const wait = longestWait(plannedWait(retrier, useCount));
    if (wait === previous) return total + wait * (retries - useCount + 1);
    total += wait;
    if (!Number.isFinite(total)) return total;
    previous = wait;
  }
  return total;
}
