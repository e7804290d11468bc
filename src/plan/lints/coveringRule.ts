import { errorEqualsMatches, StatesErrorName } from '../../engine/index.js';

/**
 * The index of the earliest rule among `earlier` after which no error `name` stands for can reach a
 * later rule, or undefined. For an ordinary name that is the first rule matching it. The wildcards
 * stand for sets of errors: `States.TaskFailed` is covered only by an earlier `States.ALL` or
 * `States.TaskFailed`; `States.ALL` by an earlier `States.ALL`, or by `States.TaskFailed` and
 * `States.Timeout` together (between them they match every catchable error).
 */
export function coveringRule(earlier: readonly { ErrorEquals: readonly string[] }[], name: string): number | undefined {
  const firstWith = (candidate: string): number => earlier.findIndex((rule) => rule.ErrorEquals.includes(candidate));
  const all = firstWith(StatesErrorName.All);
  if (name === StatesErrorName.All) {
    if (all >= 0) return all;
    const taskFailed = firstWith(StatesErrorName.TaskFailed);
    const timeout = earlier.findIndex((rule) => errorEqualsMatches(rule.ErrorEquals, StatesErrorName.Timeout));
    return taskFailed >= 0 && timeout >= 0 ? Math.max(taskFailed, timeout) : undefined;
  }
  if (name === StatesErrorName.TaskFailed) {
    const taskFailed = firstWith(StatesErrorName.TaskFailed);
    const found = [all, taskFailed].filter((index) => index >= 0);
    return found.length === 0 ? undefined : Math.min(...found);
  }
  const index = earlier.findIndex((rule) => errorEqualsMatches(rule.ErrorEquals, name));
  return index >= 0 ? index : undefined;
}
