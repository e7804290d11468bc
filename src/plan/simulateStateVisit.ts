import { decideErrorHandling, noRetrierUses } from '../engine/asl/errorHandlingDecision.js';
import { plannedWaitOf } from './plannedWaits.js';
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
 * (1-based) fails with, or undefined when it succeeds. Each error goes through the engine's own
 * {@link decideErrorHandling}, with the retrier counts of the attempts before it.
 *
 * @example
 * ```ts
 * simulateStateVisit(downloadExoplanets, (attempt) => (attempt <= 2 ? 'HTTPError' : undefined));
 * // { attempts: 3, backoff: [10, 20], outcome: 'succeeded', caughtBy: null }
 * ```
 */
export function simulateStateVisit(
  state: FailingState,
  errorOfAttempt: (attempt: number) => string | undefined,
): SimulatedVisit | { problem: string } {
  const rules = { retriers: state.retriers, catchers: state.catchers };
  let uses = noRetrierUses;
  const backoff: PlannedWait[] = [];
  for (let attempt = 1; attempt <= maxSimulatedAttempts; attempt++) {
    const error = errorOfAttempt(attempt);
    if (error === undefined) return { attempts: attempt, backoff, outcome: 'succeeded', caughtBy: null };
    const decision = decideErrorHandling(rules, error, uses);
    if (decision.action === 'retry') {
      uses = decision.uses;
      backoff.push(plannedWaitOf(decision.wait));
      continue;
    }
    return decision.action === 'fail'
      ? { attempts: attempt, backoff, outcome: 'failed', caughtBy: null }
      : { attempts: attempt, backoff, outcome: 'caught', caughtBy: decision.catcher.Next };
  }
  return {
    problem: `fromPlan: the rules of ${JSON.stringify(state.name)} allow more than ${maxSimulatedAttempts} attempts; write attempts: and backoff: by hand`,
  };
}
