import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { coveringRule } from './coveringRule.js';
import { lintAt, ruleName } from './lintAt.js';

/**
 * Retriers and catchers that can never fire, because for every name they list an earlier rule of
 * the same list matches first (Step Functions takes the first match and never falls through), and
 * single names that can never match for the same reason.
 */
export function shadowedRules(state: FailingState): PlanLint[] {
  return [...shadowedIn(state, 'Retry', state.retriers), ...shadowedIn(state, 'Catch', state.catchers)];
}

function shadowedIn(state: FailingState, kind: 'Retry' | 'Catch', rules: readonly { ErrorEquals: readonly string[] }[]): PlanLint[] {
  const lints: PlanLint[] = [];
  rules.forEach((rule, index) => {
    const earlier = rules.slice(0, index);
    const covering = rule.ErrorEquals.map((name) => coveringRule(earlier, name));
    if (covering.length > 0 && covering.every((found) => found !== undefined)) {
      const by = [...new Set(covering as number[])].map((found) => ruleName(kind, found)).join(' and ');
      const code = kind === 'Retry' ? LintCode.ShadowedRetrier : LintCode.ShadowedCatcher;
      const what = kind === 'Retry' ? 'retrier' : 'catcher';
      lints.push(
        lintAt(
          code,
          state,
          [kind, index],
          `this ${what} can never fire: ${by} already matches every error it names (${rule.ErrorEquals.join(', ')}), and the first match decides`,
        ),
      );
      return;
    }
    covering.forEach((found, nameIndex) => {
      if (found === undefined) return;
      const name = rule.ErrorEquals[nameIndex] as string;
      lints.push(
        lintAt(
          LintCode.UnreachableErrorName,
          state,
          [kind, index, 'ErrorEquals', nameIndex],
          `${name} never reaches ${ruleName(kind, index)}: ${ruleName(kind, found)} matches it first`,
        ),
      );
    });
  });
  return lints;
}
