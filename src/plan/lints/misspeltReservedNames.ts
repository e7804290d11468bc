import { reservedErrorNames } from '../../engine/asl/errorNames.js';
import { closestMatch } from '../../sources/loadErrors.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt } from './lintAt.js';

/**
 * Names that look like Step Functions' own error names but are not one (`States.Al`, `State.ALL`):
 * they match only an error of exactly that name, which Step Functions never raises.
 */
export function misspeltReservedNames(state: FailingState): PlanLint[] {
  const lints: PlanLint[] = [];
  for (const [kind, rules] of [
    ['Retry', state.retriers],
    ['Catch', state.catchers],
  ] as const) {
    rules.forEach((rule, index) => {
      rule.ErrorEquals.forEach((name, nameIndex) => {
        if (reservedErrorNames.has(name) || !/^states?\./i.test(name)) return;
        const suggestion = closestMatch(name, reservedErrorNames);
        const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
        lints.push(
          lintAt(
            LintCode.MisspeltReservedName,
            state,
            [kind, index, 'ErrorEquals', nameIndex],
            `${name} is not an error name Step Functions defines, so it matches nothing it raises${hint}`,
          ),
        );
      });
    });
  }
  return lints;
}
