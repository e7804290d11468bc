import { firstMatchingRule } from './errorMatching.js';
import { StatesErrorName } from './errorNames.js';
import { RetrierDefault } from './limits.js';
import { retryWaitOf, type RetrierTiming, type RetryWait } from './retryBackoff.js';

/** What the decision reads of a retrier: what it matches, how often it retries, how long it waits. */
export interface RetrierRule extends RetrierTiming {
  readonly ErrorEquals: readonly string[];
  readonly MaxAttempts?: number;
}

/** What the decision reads of a catcher: what it matches. */
export interface CatcherRule {
  readonly ErrorEquals: readonly string[];
}

/** A Task, Parallel or Map state's `Retry` and `Catch` arrays, in definition order. */
export interface ErrorHandlingRules<Retrier extends RetrierRule = RetrierRule, Catcher extends CatcherRule = CatcherRule> {
  readonly retriers: readonly Retrier[];
  readonly catchers: readonly Catcher[];
}

/**
 * How many retries each retrier has granted in the current state visit: entry `i` is retrier `i`'s
 * count, a missing entry is 0. Each retrier counts alone; a catch resets nothing, and a new visit of
 * the state starts again from {@link noRetrierUses}.
 */
export type RetrierUses = readonly number[];

/** The counts at the start of every state visit: no retrier used yet. */
export const noRetrierUses: RetrierUses = [];

/**
 * What a state does with a failed attempt's error:
 * - `retry`: run the attempt again after `wait`; `retrierIndex` granted its `useCount`-th retry (1-based),
 *   and `uses` are the counts to pass with the next error of the same visit.
 * - `catch`: leave through the catcher at `catcherIndex`.
 * - `fail`: the error leaves the state (fails the execution, or the enclosing branch or iteration).
 *
 * On `catch` and `fail`, `retrierIndex` is the retrier that matched but had no retries left, or null when
 * none matched (or the error is one no rule handles).
 */
export type ErrorHandlingDecision<Retrier extends RetrierRule = RetrierRule, Catcher extends CatcherRule = CatcherRule> =
  | {
      readonly action: 'retry';
      readonly retrierIndex: number;
      readonly retrier: Retrier;
      readonly useCount: number;
      readonly wait: RetryWait;
      readonly uses: RetrierUses;
    }
  | { readonly action: 'catch'; readonly catcherIndex: number; readonly catcher: Catcher; readonly retrierIndex: number | null }
  | { readonly action: 'fail'; readonly retrierIndex: number | null };

/** Options of {@link decideErrorHandling}. */
export interface ErrorHandlingOptions {
  /**
   * The error is one no rule may handle even by name, besides `States.Runtime` (e.g. a Parallel branch
   * state's oversized output): skip every retrier and catcher.
   */
  readonly uncatchable?: boolean;
}

/**
 * The Retry/Catch decision of a Task, Parallel or Map state for one failed attempt. Retriers are
 * scanned in order and the first whose `ErrorEquals` matches (`States.ALL`, `States.TaskFailed` and
 * exact names, see `errorEqualsMatches` in errorMatching.ts) decides alone: while it has retries left (`MaxAttempts`,
 * default 3) the state retries after its backoff; once it is exhausted the error goes to Catch even
 * if a later retrier would match. Catch takes the first matching catcher, else the state fails.
 * `States.Runtime` is never retried or caught, not even by a rule naming it.
 *
 * Pure: the counts come in as `uses` and go out in the `retry` decision, and the wait comes back
 * without jitter drawn, so the engine (which draws it from its seeded random) and the planner (which
 * reports its bounds) share one decision.
 *
 * @example
 * ```ts
 * const rules = {
 *   retriers: [{ ErrorEquals: ['HTTPError'], IntervalSeconds: 10, MaxAttempts: 1 }],
 *   catchers: [{ ErrorEquals: ['States.ALL'], Next: 'ErrorState' }],
 * };
 * const first = decideErrorHandling(rules, 'HTTPError', noRetrierUses);
 * // { action: 'retry', retrierIndex: 0, useCount: 1, wait: { cappedSeconds: 10, jitter: 'NONE' }, uses: [1], … }
 * if (first.action === 'retry') decideErrorHandling(rules, 'HTTPError', first.uses);
 * // { action: 'catch', catcherIndex: 0, retrierIndex: 0, catcher: { …, Next: 'ErrorState' } }
 * decideErrorHandling(rules, 'States.Runtime', noRetrierUses); // { action: 'fail', retrierIndex: null }
 * ```
 */
export function decideErrorHandling<Retrier extends RetrierRule, Catcher extends CatcherRule>(
  rules: ErrorHandlingRules<Retrier, Catcher>,
  errorName: string,
  uses: RetrierUses,
  options?: ErrorHandlingOptions,
): ErrorHandlingDecision<Retrier, Catcher> {
  // errorEqualsMatches already refuses States.Runtime; checking here spares the scans.
  if (options?.uncatchable === true || errorName === StatesErrorName.Runtime) return { action: 'fail', retrierIndex: null };
  const retrierIndex = firstMatchingRule(rules.retriers, errorName);
  const retrier = rules.retriers[retrierIndex];
  if (retrier !== undefined) {
    const usesSoFar = uses[retrierIndex] ?? 0;
    if (usesSoFar < retriesGranted(retrier)) {
      const useCount = usesSoFar + 1;
      const nextUses = uses.slice();
      while (nextUses.length < retrierIndex) nextUses.push(0);
      nextUses[retrierIndex] = useCount;
      return { action: 'retry', retrierIndex, retrier, useCount, wait: retryWaitOf(retrier, useCount), uses: nextUses };
    }
  }
  const exhausted = retrier === undefined ? null : retrierIndex;
  const catcherIndex = firstMatchingRule(rules.catchers, errorName);
  const catcher = rules.catchers[catcherIndex];
  return catcher === undefined
    ? { action: 'fail', retrierIndex: exhausted }
    : { action: 'catch', catcherIndex, catcher, retrierIndex: exhausted };
}

/**
 * How many retries a retrier grants in one state visit: `MaxAttempts`, default 3 (0 = never retry).
 *
 * @example
 * ```ts
 * retriesGranted({ ErrorEquals: ['States.ALL'] }); // 3
 * retriesGranted({ ErrorEquals: ['States.Timeout'], MaxAttempts: 0 }); // 0
 * ```
 */
export function retriesGranted(retrier: Pick<RetrierRule, 'MaxAttempts'>): number {
  return retrier.MaxAttempts ?? RetrierDefault.maxAttempts;
}
