import { StatesErrorName } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt, ruleName } from './lintAt.js';

/** `States.ALL` must be the only name of its rule and that rule must be the last one; AWS rejects anything else. */
export function statesAllPlacement(state: FailingState): PlanLint[] {
  const lints: PlanLint[] = [];
  for (const [kind, rules] of [
    ['Retry', state.retriers],
    ['Catch', state.catchers],
  ] as const) {
    rules.forEach((rule, index) => {
      const position = rule.ErrorEquals.indexOf(StatesErrorName.All);
      if (position < 0) return;
      if (rule.ErrorEquals.length > 1) {
        lints.push(
          lintAt(
            LintCode.StatesAllNotAlone,
            state,
            [kind, index, 'ErrorEquals'],
            `States.ALL must be alone in its ErrorEquals, but ${ruleName(kind, index)} also lists ${rule.ErrorEquals.filter((name) => name !== StatesErrorName.All).join(', ')}; AWS rejects the definition`,
          ),
        );
      }
      if (index < rules.length - 1) {
        lints.push(
          lintAt(
            LintCode.StatesAllNotLast,
            state,
            [kind, index],
            `States.ALL must be in the last ${kind === 'Retry' ? 'retrier' : 'catcher'}, but ${ruleName(kind, index)} is followed by ${rules.length - 1 - index} more; AWS rejects the definition`,
          ),
        );
      }
    });
  }
  return lints;
}
