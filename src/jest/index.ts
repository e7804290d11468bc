/**
 * `sfn-chaos/jest` for ESM suites: importing it registers the matchers on jest's `expect`; it also exports
 * `runScenario()` and `describeScenarios()`. CommonJS suites get the matchers only (`./register.ts`).
 */
export { sfnChaosMatchers } from './register.js';
export type { BackoffMatcherOptions, SfnChaosMatchers, StateMatcherOptions } from './register.js';
export { describeScenarios } from './describeScenarios.js';
export type { DescribeScenariosOptions } from './describeScenarios.js';
export { ScenarioFailedError } from './ScenarioFailedError.js';
export { runScenario } from '../run/runScenario.js';
export type { InlineScenario, RunScenarioOptions, RunScenarioResult } from '../run/runScenario.js';
