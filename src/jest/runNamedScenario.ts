import { formatScenarioResult } from '../reporters/consoleReport.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { runScenarios } from '../run/runScenarios.js';
import type { ScenarioFile } from '../scenarios/types.js';
import { createLocalTarget } from '../targets/local/localTarget.js';
import { ScenarioFailedError } from './ScenarioFailedError.js';

/** One load per scenario file (and cwd), shared by the tests `describeScenarios()` made of it. */
const loads = new Map<string, Promise<ScenarioFile>>();

/**
 * The test body of every `describeScenarios()` test: runs scenario `name` of `file` on the local target and
 * throws a {@link ScenarioFailedError} with what `chaos run` prints when it does not pass. Without a name it
 * only loads the file.
 *
 * @example
 * ```ts
 * await runNamedScenario('/repo/scenarios.yaml', '/repo', 'HTTPError exhausts retries and lands in ErrorState');
 * ```
 */
export async function runNamedScenario(file: string, cwd: string, name?: string): Promise<void> {
  const key = `${cwd}\u0000${file}`;
  let loading = loads.get(key);
  if (!loading) {
    loading = loadScenarioFile(file, { cwd });
    loads.set(key, loading);
  }
  const scenarioFile = await loading;
  if (name === undefined) return;
  const run = await runScenarios(scenarioFile, { target: createLocalTarget(), filter: (scenario) => scenario.name === name });
  const [result] = run.scenarios;
  if (!result) throw new Error(`scenario ${JSON.stringify(name)} is not in the loaded file`);
  if (result.verdict !== 'passed') throw new ScenarioFailedError(formatScenarioResult(result), result);
}
