import { errorEqualsMatches, StatesErrorName } from '../engine/index.js';
import { maxListedWaits } from './constants.js';
import { plannedWait, retriesGranted, worstCaseWaitSeconds } from './plannedWaits.js';
import type { ErrorPlan, FailingState, FailingStateType, PlannedWait } from './types.js';

/**
 * What one state does when every attempt fails with `errorName`: the first retrier whose
 * `ErrorEquals` matches decides alone (an exhausted retrier does not hand the error to a later one),
 * then the first matching catcher takes it, else the error leaves the state. Matching is the engine's
 * own `errorEqualsMatches`, wildcards included.
 *
 * @example
 * ```ts
 * const plan = planErrorHandling(state, 'HTTPError');
 * // { attempts: 4, backoff: [10, 20, 40], catchDestination: 'ErrorState', … }
 * ```
 */
export function planErrorHandling(state: FailingState, errorName: string, enclosingType?: FailingStateType): ErrorPlan {
  // States.Runtime is terminal on AWS: no rule ever handles it, even one that names it.
  const handled = errorName !== StatesErrorName.Runtime;
  const retrierIndex = handled ? state.retriers.findIndex((retrier) => errorEqualsMatches(retrier.ErrorEquals, errorName)) : -1;
  const retrier = state.retriers[retrierIndex];
  const retries = retrier === undefined ? 0 : retriesGranted(retrier);
  const backoff: PlannedWait[] = [];
  if (retrier !== undefined) {
    for (let useCount = 1; useCount <= Math.min(retries, maxListedWaits); useCount++) backoff.push(plannedWait(retrier, useCount));
  }
  const catcherIndex = handled ? state.catchers.findIndex((catcher) => errorEqualsMatches(catcher.ErrorEquals, errorName)) : -1;
  const catcher = state.catchers[catcherIndex];
  return {
    errorName,
    label: labelOf(errorName),
    retrierIndex: retrier === undefined ? null : retrierIndex,
    attempts: 1 + retries,
    backoff,
    waitsTruncated: retries > backoff.length,
    worstCaseRetryWaitSeconds: retrier === undefined ? 0 : worstCaseWaitSeconds(retrier, retries),
    catcherIndex: catcher === undefined ? null : catcherIndex,
    catchDestination: catcher?.Next ?? null,
    uncaughtEffect: enclosingType === 'Map' ? 'fails its Map iteration' : enclosingType === 'Parallel' ? 'fails its Parallel branch' : 'fails the execution',
    notes: notesFor(errorName),
  };
}

function labelOf(errorName: string): string {
  if (errorName === StatesErrorName.All) return `${errorName} (any other error)`;
  if (errorName === StatesErrorName.TaskFailed) return `${errorName} (any other error but States.Timeout)`;
  return errorName;
}

function notesFor(errorName: string): string[] {
  if (errorName === StatesErrorName.HeartbeatTimeout) {
    // UNCONFIRMED (sfn-semantics §4): AWS defines this name, but recorded histories report an expired
    // heartbeat as States.Timeout, so a rule naming only States.HeartbeatTimeout may never fire.
    return ['UNCONFIRMED: recorded AWS histories report an expired heartbeat as States.Timeout; name States.Timeout too'];
  }
  if (errorName === StatesErrorName.Runtime) return ['States.Runtime cannot be retried or caught; it always fails the execution'];
  return [];
}
