import { StatesErrorName } from '../engine/index.js';
import { planErrorHandling } from './planErrorHandling.js';
import type { FailingState } from './types.js';

const wildcards: readonly string[] = [StatesErrorName.TaskFailed, StatesErrorName.All];

/**
 * The error names worth a row in a state's plan: every name its Retry and Catch rules mention (in the
 * order they first appear), `States.Timeout` for a Task when the rules treat it unlike other errors
 * (`States.TaskFailed` never matches it), and the wildcards last, `States.ALL` standing for any error
 * no rule names even when the rules do not mention it. `failureNames`: errors the state's work is known to
 * fail with beyond what its rules name (a `.sync` Task's `States.TaskFailed`, see `syncTaskFailureNames`),
 * each given a row too.
 *
 * @example
 * ```ts
 * plannedErrorNames(downloadExoplanets); // ['HTTPError', 'GeneralError', 'States.ALL']
 * plannedErrorNames(startChildSync, ['States.TaskFailed']); // ['States.TaskFailed', 'States.ALL']
 * ```
 */
export function plannedErrorNames(state: FailingState, failureNames: readonly string[] = []): string[] {
  const mentioned: string[] = [];
  for (const rule of [...state.retriers, ...state.catchers]) {
    for (const name of rule.ErrorEquals) if (!mentioned.includes(name)) mentioned.push(name);
  }
  const named = mentioned.filter((name) => !wildcards.includes(name));
  const names = [...named];
  for (const name of failureNames) if (!wildcards.includes(name) && !names.includes(name)) names.push(name);
  if (
    state.type === 'Task' &&
    !names.includes(StatesErrorName.Timeout) &&
    treatedDifferently(state, StatesErrorName.Timeout, StatesErrorName.All)
  ) {
    names.push(StatesErrorName.Timeout);
  }
  if (mentioned.includes(StatesErrorName.TaskFailed) || failureNames.includes(StatesErrorName.TaskFailed)) {
    names.push(StatesErrorName.TaskFailed);
  }
  names.push(StatesErrorName.All);
  return names;
}

function treatedDifferently(state: FailingState, one: string, other: string): boolean {
  const a = planErrorHandling(state, one);
  const b = planErrorHandling(state, other);
  return a.retrierIndex !== b.retrierIndex || a.catcherIndex !== b.catcherIndex;
}
