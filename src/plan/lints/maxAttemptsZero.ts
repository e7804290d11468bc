import { errorEqualsMatches } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt, ruleName } from './lintAt.js';

/**
 * `MaxAttempts: 0` means "do not retry these errors", which only changes anything when a later
 * retrier would otherwise retry them: AWS's documented pattern is
 * `[{ ErrorEquals: [States.Timeout], MaxAttempts: 0 }, { ErrorEquals: [States.ALL] }]`. Without such a
 * later retrier the rule does exactly what leaving it out would do, which usually hides a mistake
 * (a retrier meant to retry, or one placed after the rule it should carve an exception out of).
 */
export function maxAttemptsZero(state: FailingState): PlanLint[] {
  const lints: PlanLint[] = [];
  state.retriers.forEach((retrier, index) => {
    if (retrier.MaxAttempts !== 0) return;
    const later = state.retriers.slice(index + 1);
    const carvesOut = retrier.ErrorEquals.some((name) => later.some((candidate) => errorEqualsMatches(candidate.ErrorEquals, name)));
    if (carvesOut) return;
    lints.push(
      lintAt(
        LintCode.IneffectiveMaxAttemptsZero,
        state,
        ['Retry', index, 'MaxAttempts'],
        `${ruleName('Retry', index)} has MaxAttempts: 0 but no later retrier would retry ${retrier.ErrorEquals.join(', ')}, so it changes nothing; ` +
          'MaxAttempts: 0 is for excluding errors from a broader retrier that follows it (e.g. States.Timeout before States.ALL)',
      ),
    );
  });
  return lints;
}
