/**
 * Retry plans: what a definition's Retry and Catch rules will do with each error, computed with
 * the engine's own matching and backoff code, and lint warnings about rules that cannot work.
 */
export { buildRetryPlan } from './buildRetryPlan.js';
export { lintDefinition } from './lintDefinition.js';
export { planErrorHandling } from './planErrorHandling.js';
export { plannedErrorNames } from './plannedErrorNames.js';
export { plannedWait } from './plannedWaits.js';
export { failingStatesOf } from './failingStates.js';
export { formatRetryPlan, formatLints } from './formatRetryPlan.js';
export { loadPlanDefinition } from './loadPlanDefinition.js';
export type { LoadedPlanDefinition, PlanSource } from './loadPlanDefinition.js';
export { LintCode } from './constants.js';
export type { LintContext } from './lints/functionTimeout.js';
export type { ErrorPlan, FailingState, PlanLint, PlannedWait, RetryPlan, StatePlan } from './types.js';
