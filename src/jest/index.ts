/**
 * `sfn-chaos/jest` for ESM suites: importing it registers the matchers on jest's `expect`; it also exports
 * `runScenario()` and `describeScenarios()`. CommonJS suites get the matchers only (`./register.ts`).
 */
export { sfnChaosMatchers } from './register.js';
export type { BackoffMatcherOptions, SfnChaosMatchers, StateMatcherOptions } from './register.js';
export { describeScenarios } from './describeScenarios.js';
export type { DescribeScenariosOptions } from './describeScenarios.js';
export { ScenarioFailedError } from './ScenarioFailedError.js';
export type { InlineScenario, RunScenarioOptions, RunScenarioResult } from '../run/runScenario.js';
import type { RunScenarioOptions, RunScenarioResult } from '../run/runScenario.js';
import { loadScenarioRunner } from './loadScenarioRunner.js';

/**
 * Runs one scenario on the local target: `runScenario` of `sfn-chaos` (src/run/runScenario.ts), whose code
 * this entry imports on the first call, so a suite that uses only the matchers does not load the engine.
 *
 * @example
 * ```ts
 * const result = await runScenario({ file: 'scenarios.yaml', scenario: 'HTTPError exhausts retries and lands in ErrorState' });
 * expect(result).toHaveAttempts('Download Exoplanets', 4);
 * ```
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunScenarioResult> {
  return (await loadScenarioRunner()).runScenario(options);
}
