import type * as ScenarioRunner from './scenarioRunner.js';

let runner: Promise<typeof ScenarioRunner> | undefined;

/**
 * The scenario runner (the engine, the scenario loader and the local target), imported when the first scenario
 * runs: a suite that imports `sfn-chaos/jest` for its matchers only never loads it.
 *
 * @example
 * ```ts
 * await (await loadScenarioRunner()).runNamedScenario('/repo/scenarios.yaml', '/repo', 'HTTPError twice');
 * ```
 */
export function loadScenarioRunner(): Promise<typeof ScenarioRunner> {
  runner ??= import('./scenarioRunner.js').catch((error: unknown) => {
    runner = undefined;
    throw error;
  });
  return runner;
}
