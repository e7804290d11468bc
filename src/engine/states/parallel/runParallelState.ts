import { branchesFailure } from '../composite/branchesFailure.js';
import { BranchFailure, BranchGroup } from '../../runtime/BranchGroup.js';
import type { NestedStateMachine, ParallelState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { TerminalFailure } from '../../asl/failures.js';
import type { JsonValue } from '../../data/json.js';
import { ensureWithinPayloadLimit } from '../../visit/stateIo.js';
import { stateQueryOf } from '../../visit/stateQuery.js';
import type { StateOutcome } from '../../visit/stateTransitions.js';
import { runWithRetryAndCatch, type CompositeAttempt } from '../composite/runCompositeAttempts.js';

/** Runs a nested state machine (a branch or an iteration) to its end and returns its output; throws its failure. */
export type BranchRunner = (scope: ExecutionScope, machine: NestedStateMachine, input: JsonValue) => Promise<JsonValue>;

/**
 * A Parallel state: every branch gets the state's effective input and they run concurrently on the
 * virtual clock. The result is the array of branch outputs, in branch order. The first branch to fail
 * fails the state with that branch's own error and cause (the recorded AWS history shows the branch's
 * error, not `States.BranchFailed`; when AWS reports `States.BranchFailed` instead is UNCONFIRMED), and
 * the other branches are aborted: a Task open in one of them gets `TaskStateAborted` linked to the
 * failing event, as held-back AWS recordings show, and `ParallelStateFailed` follows, linked there too
 * (see {@link BranchGroup}).
 *
 * History: `ParallelStateEntered`, `ParallelStateStarted`, the branches' events (each branch's first
 * event linked to `ParallelStateStarted`, later ones to the branch's previous event), then
 * `ParallelStateSucceeded` + `ParallelStateExited` or `ParallelStateFailed`.
 */
export function runParallelState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: ParallelState,
  stateInput: JsonValue,
  runBranch: BranchRunner,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  return runWithRetryAndCatch(scope, visit, state, stateInput, query, async (retryCount): Promise<CompositeAttempt> => {
    // Parameters (JSONata: Arguments) are evaluated per attempt: `$$.State.RetryCount` differs.
    const effectiveInput = await query.effectiveInput(stateInput, filteredInput, { retryCount });
    ensureWithinPayloadLimit(visit, effectiveInput);
    const startedEventId = scope.history.append('ParallelStateStarted');
    const outputs: JsonValue[] = new Array<JsonValue>(state.Branches.length).fill(null);
    let lastBranchEventId = startedEventId;
    const group = new BranchGroup(scope);
    state.Branches.forEach((branch, index) => {
      group.start(startedEventId, async function runParallelBranch(branchScope) {
        try {
          outputs[index] = await runBranch(branchScope, branch, effectiveInput);
        } catch (error) {
          if (error instanceof TerminalFailure)
            throw new BranchFailure(error.error, error.failureCause, branchScope.history.lastEventId, error.uncatchable);
          throw error;
        }
        lastBranchEventId = branchScope.history.lastEventId;
      });
    });
    const failed = await branchesFailure(group);
    if (failed) return failed;
    return { ok: true, result: outputs, sourceEventId: lastBranchEventId };
  });
}
