import { failingStatesOf } from './failingStates.js';
import { asyncLambdaInvoke } from './lints/asyncLambdaInvoke.js';
import { functionTimeoutBelowTaskTimeout, type LintContext } from './lints/functionTimeout.js';
import { lambdaServiceRetrier } from './lints/lambdaServiceRetrier.js';
import { maxAttemptsZero } from './lints/maxAttemptsZero.js';
import { misspeltReservedNames } from './lints/misspeltReservedNames.js';
import { shadowedRules } from './lints/shadowedRules.js';
import { statesAllPlacement } from './lints/statesAllPlacement.js';
import { taskTimeouts } from './lints/taskTimeouts.js';
import type { FailingState, PlanLint } from './types.js';

const checks: readonly ((state: FailingState, context: LintContext) => PlanLint[])[] = [
  statesAllPlacement,
  shadowedRules,
  misspeltReservedNames,
  maxAttemptsZero,
  lambdaServiceRetrier,
  asyncLambdaInvoke,
  taskTimeouts,
  functionTimeoutBelowTaskTimeout,
];

/**
 * Warnings about a definition's Retry, Catch and timeout fields, state by state in definition order.
 * `context.functionTimeouts` (the functions' own timeouts, by name) adds the check of a `States.Timeout`
 * rule against the function's timeout.
 *
 * @example
 * ```ts
 * for (const lint of lintDefinition(definition)) console.log(`${lint.field}: ${lint.message} [${lint.code}]`);
 * // States["Download Exoplanets"]: Task has no TimeoutSeconds, … [missing-timeout-seconds]
 * ```
 */
export function lintDefinition(definition: unknown, context: LintContext = {}): PlanLint[] {
  return failingStatesOf(definition).flatMap((state) => checks.flatMap((check) => check(state, context)));
}
