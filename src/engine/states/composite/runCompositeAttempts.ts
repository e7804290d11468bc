import type { MapState, ParallelState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { decideErrorHandling, noRetrierUses } from '../../asl/errorHandlingDecision.js';
import { TerminalFailure, stateFieldFailureOf, type StateFieldFailure } from '../../asl/failures.js';
import type { JsonValue } from '../../data/json.js';
import { retryWaitMs } from '../../asl/retryBackoff.js';
import type { StateExit, StateQuery } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

/**
 * One run of all the branches of a Parallel state, or all the iterations of a Map state.
 * `sourceEventId` is the event AWS links the state's next event to: on success the last branch event
 * (Parallel) or the last `MapIterationSucceeded` (Map), on failure the failing branch's last event.
 */
export type CompositeAttempt =
  | { ok: true; result: JsonValue; sourceEventId: number }
  | { ok: false; error: string | undefined; cause: string | undefined; sourceEventId: number; uncatchable?: boolean };

/**
 * Retry and Catch of a Parallel or Map state, which apply to the state as a whole: a retry runs every
 * branch (or iteration) again, after the retrier's backoff, writing a new `…StateStarted` but no new
 * `…StateEntered`. The decision is a Task's ({@link decideErrorHandling}: first match decides, per-retrier
 * counts and backoff, counts reset on every visit). Output fields (ResultSelector, ResultPath, OutputPath, or
 * JSONata Output, and Assign) go through the state's query layer, like every other state's.
 *
 * History, as AWS recorded it: between attempts no `…StateFailed` is written and the next
 * `…StateStarted` links to the failing branch's last event; after the last attempt `…StateFailed`
 * links there, and a catcher's `…StateExited` links to `…StateFailed`. On success `…StateSucceeded`
 * and `…StateExited` both link to the attempt's source event.
 */
export async function runWithRetryAndCatch(
  scope: ExecutionScope,
  visit: StateVisit,
  state: ParallelState | MapState,
  stateInput: JsonValue,
  query: StateQuery,
  runAttempt: (retryCount: number) => Promise<CompositeAttempt>,
): Promise<StateOutcome> {
  const { history } = scope;
  const rules = { retriers: state.Retry ?? [], catchers: state.Catch ?? [] };
  let uses = noRetrierUses;

  for (let retryCount = 0; ; retryCount++) {
    let attempt: CompositeAttempt;
    try {
      attempt = await runAttempt(retryCount);
    } catch (error) {
      // Arguments / ItemSelector failed before any branch started.
      const failure = stateFieldFailureOf(error);
      if (failure === undefined) throw error;
      attempt = { ok: false, ...failure, sourceEventId: history.lastEventId };
    }
    /** Set when the branches succeeded and the state's output fields failed: the state wrote `…StateSucceeded` already. */
    let succeeded = false;

    if (attempt.ok) {
      history.appendAside(`${state.Type}StateSucceeded`, {}, attempt.sourceEventId);
      history.continueFrom(attempt.sourceEventId);
      const exit = await outputFieldsOf(query, stateInput, attempt.result, retryCount);
      if (!('failure' in exit)) return exitState(scope, visit, state.Type, exit.output, state.Next, query.commit(exit));
      attempt = { ok: false, ...exit.failure, sourceEventId: history.lastEventId };
      succeeded = true;
    }

    // A Fail state without Error still fails the branch; only States.ALL can match such a failure.
    // An error no rule may handle (States.Runtime, a branch state's oversized output) skips them all.
    const decision = decideErrorHandling(rules, attempt.error ?? '', uses, { uncatchable: attempt.uncatchable ?? false });
    if (decision.action === 'retry') {
      uses = decision.uses;
      await scope.waitFor(scope.clock.delay(retryWaitMs(decision.wait, scope.random)));
      history.continueFrom(attempt.sourceEventId);
      continue;
    }

    // After `…StateSucceeded`, no `…StateFailed` is written for a failed output field (UNCONFIRMED).
    if (!succeeded) history.append(`${state.Type}StateFailed`, {}, attempt.sourceEventId);
    if (decision.action === 'fail')
      throw new TerminalFailure(attempt.error, attempt.cause, undefined, { uncatchable: attempt.uncatchable ?? false });
    const errorOutput = { Error: attempt.error ?? null, Cause: attempt.cause ?? '' };
    const exit = await query.exitThroughCatcher(decision.catcher, decision.catcherIndex, stateInput, errorOutput, { retryCount });
    return exitState(scope, visit, state.Type, exit.output, decision.catcher.Next, query.commit(exit));
  }
}

/** The state's output fields applied to its result, or the failure its Retry and Catch handle. */
async function outputFieldsOf(
  query: StateQuery,
  stateInput: JsonValue,
  result: JsonValue,
  retryCount: number,
): Promise<StateExit | { failure: StateFieldFailure }> {
  try {
    return await query.exit(stateInput, result, { retryCount });
  } catch (error) {
    const failure = stateFieldFailureOf(error);
    if (failure === undefined) throw error;
    return { failure };
  }
}
