import { defineScenarioTests, type DescribeScenariosOptions } from './defineScenarioTests.js';
import { loadScenarioRunner } from './loadScenarioRunner.js';

export type { DescribeScenariosOptions } from './defineScenarioTests.js';

/**
 * Turns a scenario file into jest tests: one `describe` named after the file and one `it` per scenario,
 * run on the local target. A test fails with the scenario's expected-against-actual lines and attempts
 * timeline, exactly as `chaos run` prints them. An invalid file fails every test with the loader's
 * `file:line:column` message.
 *
 * The engine is imported when the first of these tests runs. CommonJS suites get the same function from the CommonJS build of `sfn-chaos/jest`; it loads the engine
 * when the first test runs, which needs jest to load ES modules (see docs/jest.md).
 *
 * @example
 * ```ts
 * // test/workflows.test.mjs
 * import { describeScenarios } from 'sfn-chaos/jest';
 *
 * describeScenarios(new URL('../scenarios.yaml', import.meta.url));
 * ```
 */
export function describeScenarios(file: string | URL, options: DescribeScenariosOptions = {}): void {
  defineScenarioTests(file, options, async (path, cwd, name) => (await loadScenarioRunner()).runNamedScenario(path, cwd, name));
}
