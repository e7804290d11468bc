import { formatPath } from '../sources/loadErrors.js';
import { distributedMapNotes } from './distributedMapNotes.js';
import { enclosingTypeOf, failingStatesOf } from './failingStates.js';
import { lintDefinition } from './lintDefinition.js';
import type { LintContext } from './lints/functionTimeout.js';
import { planErrorHandling } from './planErrorHandling.js';
import { plannedErrorNames } from './plannedErrorNames.js';
import { syncTaskFailureNames, syncTaskNotes } from './syncTasks.js';
import type { RetryPlan, StatePlan } from './types.js';

/**
 * The retry plan of a definition: for every state that can fail and every error name its rules make
 * a difference for, the attempts, the backoff schedule and where the error ends up, plus lint
 * warnings about rules that cannot work as written (`context`: what {@link lintDefinition} may also use).
 * A `.sync` Task always gets a `States.TaskFailed` row: what a failed child execution or job fails it with.
 *
 * @example
 * ```ts
 * const plan = buildRetryPlan(JSON.parse(readFileSync('statemachine.asl.json', 'utf8')));
 * for (const state of plan.states) {
 *   for (const row of state.errors) console.log(state.name, row.errorName, row.attempts, row.backoff, row.catchDestination);
 * }
 * // Download Exoplanets HTTPError 4 [10, 20, 40] ErrorState
 * ```
 */
export function buildRetryPlan(definition: unknown, context: LintContext = {}): RetryPlan {
  const failing = failingStatesOf(definition);
  const states: StatePlan[] = failing.map((state) => {
    const enclosingType = enclosingTypeOf(failing, state);
    return {
      name: state.name,
      type: state.type,
      field: formatPath(state.path),
      ...(state.enclosingState === undefined ? {} : { enclosingState: state.enclosingState }),
      errors: plannedErrorNames(state, syncTaskFailureNames(state)).map((errorName, _index, planned) => {
        const row = planErrorHandling(state, errorName, enclosingType);
        return { ...row, notes: [...row.notes, ...syncTaskNotes(state, errorName), ...distributedMapNotes(state, errorName, planned)] };
      }),
    };
  });
  return { states, lints: lintDefinition(definition, context) };
}
