import { BranchAborted } from './BranchAborted.js';
import type { ExecutionScope } from './ExecutionScope.js';
import type { HistoryRecorder } from './HistoryRecorder.js';

/**
 * A branch or iteration ended in a way that fails its Parallel or Map state (not the whole execution):
 * the state's Retry and Catch decide what happens next. `sourceEventId` is the event AWS links the
 * state's next event to — the failing branch's last event.
 */
export class BranchFailure extends Error {
  readonly error: string | undefined;
  readonly failureCause: string | undefined;
  readonly sourceEventId: number;
  /** The branch failed with an error no Retry or Catch handles ({@link TerminalFailure.uncatchable}). */
  readonly uncatchable: boolean;
  constructor(error: string | undefined, failureCause: string | undefined, sourceEventId: number, uncatchable = false) {
    super([error, failureCause].filter((part) => part !== undefined).join(': ') || 'branch failed');
    this.name = 'BranchFailure';
    this.error = error;
    this.failureCause = failureCause;
    this.sourceEventId = sourceEventId;
    this.uncatchable = uncatchable;
  }
}

/**
 * The scope a branch runs in: the parent's, with its own history chain and a `waitFor` that only waits.
 * Virtual time is driven once, by the state that started the branches (through its own `waitFor`), so
 * concurrent branches share one clock: a branch waiting 10 s and one waiting 5 s both end by 10 s.
 */
function branchScopeOf(parent: ExecutionScope, history: HistoryRecorder, aborted: Promise<never>): ExecutionScope {
  return {
    ...parent,
    history,
    // A branch reads the variables of the scope around it; what it assigns stays in the branch.
    variables: parent.variables.child(),
    waitFor: <T>(work: Promise<T>): Promise<T> => Promise.race([work, aborted]),
  };
}

/** Writes what a branch's own kind records when a sibling's failure aborts it (Map: `MapIterationAborted`). */
export type BranchAbortRecorder = (history: HistoryRecorder, failingEventId: number) => void;

class BranchRun {
  readonly history: HistoryRecorder;
  readonly scope: ExecutionScope;
  readonly onAborted: BranchAbortRecorder | undefined;
  readonly #rejectAborted: (reason: unknown) => void;

  constructor(parent: ExecutionScope, fromEventId: number, onAborted: BranchAbortRecorder | undefined) {
    this.onAborted = onAborted;
    this.history = parent.history.branch(fromEventId);
    let rejectAborted: (reason: unknown) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      rejectAborted = reject;
    });
    // Nobody may be waiting when the branch is aborted.
    aborted.catch(() => undefined);
    this.#rejectAborted = rejectAborted;
    this.scope = branchScopeOf(parent, this.history, aborted);
  }

  abort(): void {
    this.history.stop();
    this.#rejectAborted(new BranchAborted());
  }
}

/**
 * Branches of one Parallel attempt, or iterations of one Map attempt, running concurrently. The first
 * branch to throw decides the outcome: every other branch is aborted at once (its later events are
 * never written, its pending waits end), and {@link BranchGroup.wait} rethrows that error.
 *
 * When the first failure is a {@link BranchFailure}, each other branch still running first closes its
 * open Task visit with `TaskStateAborted` (held-back AWS recordings) and then writes its own abort
 * event (the `onAborted` given to {@link BranchGroup.start}: Map's `MapIterationAborted`), all linked
 * to the failing branch's last event, in the order the branches started. That per-branch order, and
 * that a Parallel branch writes nothing more (no `ParallelStateAborted`), are UNCONFIRMED. Open states
 * in branches nested deeper (a Parallel inside the aborted branch) write nothing (UNCONFIRMED).
 * Aborts for any other reason (the execution ended) write no event.
 *
 * @example
 * const group = new BranchGroup(scope);
 * for (const branch of state.Branches) group.start(startedEventId, (branchScope) => runBranch(branchScope, branch, input));
 * await group.wait(); // drives virtual time until all are done; throws the first failure
 */
export class BranchGroup {
  readonly #parent: ExecutionScope;
  readonly #running = new Set<BranchRun>();
  #failed = false;
  #resolveDone: () => void = () => undefined;
  #rejectDone: (reason: unknown) => void = () => undefined;
  readonly #done: Promise<void>;

  constructor(parent: ExecutionScope) {
    this.#parent = parent;
    this.#done = new Promise<void>((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    this.#done.catch(() => undefined);
  }

  /**
   * Starts a branch whose history chain continues from `fromEventId`. `body` runs synchronously up to
   * its first wait, so its first events are written before `start` returns.
   */
  start(fromEventId: number, body: (scope: ExecutionScope) => Promise<void>, onAborted?: BranchAbortRecorder): void {
    if (this.#failed) return;
    const run = new BranchRun(this.#parent, fromEventId, onAborted);
    this.#running.add(run);
    body(run.scope).then(
      () => {
        this.#running.delete(run);
        if (this.#running.size === 0 && !this.#failed) this.#resolveDone();
      },
      (error: unknown) => {
        this.#running.delete(run);
        this.#fail(error);
      },
    );
  }

  /** Waits, letting virtual time pass through the parent scope, until every branch is done or one failed. */
  async wait(): Promise<void> {
    if (this.#running.size === 0 && !this.#failed) return;
    try {
      await this.#parent.waitFor(this.#done);
    } finally {
      // The execution ended or an enclosing branch was aborted while these were still running.
      this.abort();
    }
  }

  /** The abort events of every branch still running, linked to the failing event. */
  #recordAborts(failingEventId: number): void {
    for (const run of this.#running) {
      run.history.abortOpenState(failingEventId);
      if (!run.history.isStopped) run.onAborted?.(run.history, failingEventId);
    }
  }

  /** Stops every branch still running. */
  abort(): void {
    for (const run of this.#running) run.abort();
    this.#running.clear();
  }

  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    let outcome = error;
    try {
      if (error instanceof BranchFailure) this.#recordAborts(error.sourceEventId);
    } catch (recordingError) {
      // The history is full (HistoryLimitReached): that ends the execution instead.
      outcome = recordingError;
    }
    this.abort();
    this.#rejectDone(outcome);
  }
}
