import { failingStatesOf } from './failingStates.js';
import { asyncLambdaInvoke } from './lints/asyncLambdaInvoke.js';
import { lambdaServiceRetrier } from './lints/lambdaServiceRetrier.js';
import { maxAttemptsZero } from './lints/maxAttemptsZero.js';
import { misspeltReservedNames } from './lints/misspeltReservedNames.js';
import { shadowedRules } from './lints/shadowedRules.js';
import { statesAllPlacement } from './lints/statesAllPlacement.js';
import { taskTimeouts } from './lints/taskTimeouts.js';
import type { FailingState, PlanLint } from './types.js';

const checks: readonly ((state: FailingState) => PlanLint[])[] = [
  statesAllPlacement,
  shadowedRules,
  misspeltReservedNames,
  maxAttemptsZero,
  lambdaServiceRetrier,
  asyncLambdaInvoke,
  taskTimeouts,
];

/**
 * Warnings about a definition's Retry, Catch and timeout fields, state by state in definition order.
 *
 * @example
 * ```ts
 * for (const lint of lintDefinition(definition)) console.log(`${lint.field}: ${lint.message} [${lint.code}]`);
 * // States["Download Exoplanets"]: Task has no TimeoutSeconds, … [missing-timeout-seconds]
 * ```
 */
export function lintDefinition(definition: unknown): PlanLint[] {
  return failingStatesOf(definition).flatMap((state) => checks.flatMap((check) => check(state)));
}
