import { errorEqualsMatches, StatesErrorName } from '../engine/index.js';
import { plannedWait, retriesGranted } from './plannedWaits.js';
import type { FailingState, PlannedWait } from './types.js';

/** What one state visit does, predicted from its rules. */
export interface SimulatedVisit {
  attempts: number;
  backoff: PlannedWait[];
  outcome: 'succeeded' | 'caught' | 'failed';
  /** The catcher's destination, or null when the visit succeeded or the error left the state. */
  caughtBy: string | null;
}

/** A scenario expectation with more attempts than this is better written out than predicted. */
export const maxSimulatedAttempts = 1000;

/**
 * Plays one state visit through the state's rules: `errorOfAttempt(n)` is the error attempt `n`
 * (1-based) fails with, or undefined when it succeeds. Each retrier keeps its own use count and
 * backoff exponent; the first matching retrier decides, and once it is exhausted the error goes to
 * Catch even if a later retrier matches (no fall-through).
 *
 * @example
 * ```ts
 * simulateStateVisit(downloadExoplanets, (attempt) => (attempt <= 2 ? 'HTTPError' : undefined));
 * // { attempts: 3, backoff: [10, 20], outcome: 'succeeded', caughtBy: null }
 * ```
 */
export function simulateStateVisit(state: FailingState, errorOfAttempt: (attempt: number) => string | undefined): SimulatedVisit | { problem: string } {
  const uses = state.retriers.map(() => 0);
  const backoff: PlannedWait[] = [];
  for (let attempt = 1; attempt <= maxSimulatedAttempts; attempt++) {
    const error = errorOfAttempt(attempt);
    if (error === undefined) return { attempts: attempt, backoff, outcome: 'succeeded', caughtBy: null };
    // States.Runtime is terminal on AWS: no rule handles it.
    const handled = error !== StatesErrorName.Runtime;
    const retrierIndex = handled ? state.retriers.findIndex((retrier) => errorEqualsMatches(retrier.ErrorEquals, error)) : -1;
    const retrier = state.retriers[retrierIndex];
    if (retrier !== undefined && (uses[retrierIndex] ?? 0) < retriesGranted(retrier)) {
      const useCount = (uses[retrierIndex] ?? 0) + 1;
      uses[retrierIndex] = useCount;
      backoff.push(plannedWait(retrier, useCount));
      continue;
    }
    const catcher = handled ? state.catchers.find((candidate) => errorEqualsMatches(candidate.ErrorEquals, error)) : undefined;
    return catcher === undefined
      ? { attempts: attempt, backoff, outcome: 'failed', caughtBy: null }
      : { attempts: attempt, backoff, outcome: 'caught', caughtBy: catcher.Next };
  }
  return { problem: `fromPlan: the rules of ${JSON.stringify(state.name)} allow more than ${maxSimulatedAttempts} attempts; write attempts: and backoff: by hand` };
}
