/**
 * `sfn-chaos/jest` for CommonJS suites (the `require` condition). Requiring it registers the matchers on
 * jest's `expect`, as the ESM entry does. `runScenario()` and `describeScenarios()` are here too: they run
 * the local engine, which is an ES module, so they load it with a real `import()` when a scenario runs. jest
 * can do that only with `NODE_OPTIONS=--experimental-vm-modules`; without it they fail with a message saying
 * so (docs/jest.md, "CommonJS suites"). Its types are those of the ESM entry.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineScenarioTests, type DescribeScenariosOptions, type RunNamedScenario } from './defineScenarioTests.js';
import { importEsm } from './importEsm.cjs';
import { sfnChaosMatchers } from './register.js';
import { ScenarioFailedError } from './ScenarioFailedError.js';

export { sfnChaosMatchers, ScenarioFailedError };

interface EsmRunner {
  runScenario(options: unknown): Promise<unknown>;
  runNamedScenario: RunNamedScenario;
}

/**
 * Where the ESM build keeps the scenario runner, from this file in `dist/cjs/jest/`: the bundled one `npm run
 * build` writes to `dist/bundle/` (a file and the chunks it shares with the other entries, which load in a
 * fraction of the time of the ~200 modules it is made of), else the compiled module.
 */
function esmRunnerUrl(): string {
  const bundled = join(__dirname, '../../bundle/scenarioRunner.js');
  return pathToFileURL(existsSync(bundled) ? bundled : join(__dirname, '../../jest/scenarioRunner.js')).href;
}

let runner: Promise<EsmRunner> | undefined;

function loadRunner(): Promise<EsmRunner> {
  runner ??= (importEsm(esmRunnerUrl()) as Promise<EsmRunner>).catch((error: unknown) => {
    runner = undefined;
    throw explainImportFailure(error);
  });
  return runner;
}

/** jest's error for an `import()` it cannot serve says nothing about sfn-chaos; this one says what to set. */
function explainImportFailure(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING')) {
    return new Error(
      'sfn-chaos/jest: runScenario() and describeScenarios() run the local engine, an ES module, and this CommonJS jest run cannot load ES modules: ' +
        'run jest with NODE_OPTIONS=--experimental-vm-modules (your CommonJS transform can stay; see "CommonJS suites" in docs/jest.md)',
      { cause: error },
    );
  }
  return new Error(`sfn-chaos/jest: cannot load the local engine: ${message}`, { cause: error });
}

/**
 * Runs one scenario on the local target; the same function as the ESM entry's `runScenario()`.
 *
 * @example
 * ```js
 * const { runScenario } = require('sfn-chaos/jest');
 * const result = await runScenario({ file: 'scenarios.yaml', scenario: 'HTTPError exhausts retries and lands in ErrorState' });
 * expect(result).toHaveAttempts('Download Exoplanets', 4);
 * ```
 */
export async function runScenario(options: unknown): Promise<unknown> {
  return (await loadRunner()).runScenario(options);
}

/**
 * One jest test per scenario of a file; the same function as the ESM entry's `describeScenarios()`.
 *
 * @example
 * ```js
 * const { describeScenarios } = require('sfn-chaos/jest');
 * describeScenarios('scenarios.yaml');
 * ```
 */
export function describeScenarios(file: string | URL, options: DescribeScenariosOptions = {}): void {
  defineScenarioTests(file, options, async (path, cwd, name) => (await loadRunner()).runNamedScenario(path, cwd, name));
}
