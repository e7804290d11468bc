import { StatesErrorName } from './errorNames.js';

/**
 * Whether an `ErrorEquals` list covers an error name. `States.ALL` matches everything except
 * `States.Runtime`; `States.TaskFailed` matches everything except `States.Timeout` (and `States.Runtime`);
 * every other entry is an exact, case-sensitive name — there is no prefix or glob matching.
 *
 * Nothing matches `States.Runtime`, not even a rule naming it: AWS was recorded ending the execution
 * although a catcher listed it. A Task's own `States.Runtime` ends the execution before any matcher is
 * asked; one from inside a Parallel branch or Map iteration reaches the Parallel or Map state's rules,
 * and fails that state too. A task result over the payload quota arrives as a task failure named
 * `States.DataLimitExceeded`, which AWS was recorded letting a `States.ALL` catcher handle.
 */
export function errorEqualsMatches(errorEquals: readonly string[], errorName: string): boolean {
  if (errorName === StatesErrorName.Runtime) return false;
  return errorEquals.some((candidate) => {
    if (candidate === errorName) return true;
    if (candidate === StatesErrorName.All) return true;
    if (candidate === StatesErrorName.TaskFailed) return errorName !== StatesErrorName.Timeout;
    return false;
  });
}

/**
 * Index of the first rule (retrier or catcher) whose `ErrorEquals` covers the error, or -1. Only the
 * first match counts: an exhausted retrier does not let the error fall through to a later one.
 */
export function firstMatchingRule(rules: readonly { ErrorEquals: readonly string[] }[], errorName: string): number {
  return rules.findIndex((rule) => errorEqualsMatches(rule.ErrorEquals, errorName));
}
