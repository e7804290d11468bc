import { StatesErrorName } from './errorNames.js';

/**
 * Whether an `ErrorEquals` list covers an error name. `States.ALL` matches everything except
 * `States.Runtime`; `States.TaskFailed` matches everything except `States.Timeout` (and `States.Runtime`);
 * every other entry is an exact, case-sensitive name — there is no prefix or glob matching.
 *
 * `States.Runtime` never reaches a matcher in this engine (it ends the execution directly), and a task
 * result over the payload quota arrives as a task failure named `States.DataLimitExceeded`, which AWS
 * was recorded letting a `States.ALL` catcher handle.
 */
export function errorEqualsMatches(errorEquals: readonly string[], errorName: string): boolean {
  return errorEquals.some((candidate) => {
    if (candidate === errorName) return true;
    if (errorName === StatesErrorName.Runtime) return false;
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
