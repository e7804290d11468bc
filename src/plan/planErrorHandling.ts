import { decideErrorHandling, noRetrierUses, retriesGranted } from '../engine/asl/errorHandlingDecision.js';
import { StatesErrorName } from '../engine/index.js';
import { maxListedWaits } from './constants.js';
import { plannedWaitOf, worstCaseWaitSeconds } from './plannedWaits.js';
import type { ErrorPlan, FailingState, FailingStateType, PlannedWait } from './types.js';

/**
 * What one state does when every attempt fails with `errorName`: the engine's own
 * {@link decideErrorHandling}, asked once per attempt, so the first matching retrier decides alone (an
 * exhausted retrier does not hand the error to a later one), then the first matching catcher takes
 * it, else the error leaves the state.
 *
 * @example
 * ```ts
 * const plan = planErrorHandling(state, 'HTTPError');
 * // { attempts: 4, backoff: [10, 20, 40], catchDestination: 'ErrorState', … }
 * ```
 */
export function planErrorHandling(state: FailingState, errorName: string, enclosingType?: FailingStateType | 'DistributedMap'): ErrorPlan {
  const rules = { retriers: state.retriers, catchers: state.catchers };
  let decision = decideErrorHandling(rules, errorName, noRetrierUses);
  // The retrier that matched, whether or not it has a retry to give (MaxAttempts: 0).
  const retrierIndex = decision.retrierIndex;
  const retrier = retrierIndex === null ? undefined : state.retriers[retrierIndex];
  const retries = retrier === undefined ? 0 : retriesGranted(retrier);
  const backoff: PlannedWait[] = [];
  while (decision.action === 'retry' && backoff.length < maxListedWaits) {
    backoff.push(plannedWaitOf(decision.wait));
    decision = decideErrorHandling(rules, errorName, decision.uses);
  }
  if (decision.action === 'retry') {
    // More retries than are listed: skip to the error after the last one.
    const exhausted = [...decision.uses];
    exhausted[decision.retrierIndex] = retries;
    decision = decideErrorHandling(rules, errorName, exhausted);
  }
  const catcher = decision.action === 'catch' ? decision : undefined;
  return {
    errorName,
    label: labelOf(errorName),
    retrierIndex,
    attempts: 1 + retries,
    backoff,
    waitsTruncated: retries > backoff.length,
    worstCaseRetryWaitSeconds: retrier === undefined ? 0 : worstCaseWaitSeconds(retrier, retries),
    catcherIndex: catcher?.catcherIndex ?? null,
    catchDestination: catcher?.catcher.Next ?? null,
    uncaughtEffect:
      enclosingType === 'DistributedMap'
        ? 'fails its child execution (a failed item of the Map Run)'
        : enclosingType === 'Map'
          ? 'fails its Map iteration'
          : enclosingType === 'Parallel'
            ? 'fails its Parallel branch'
            : 'fails the execution',
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
