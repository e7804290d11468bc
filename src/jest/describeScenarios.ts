import { readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { formatScenarioResult } from '../reporters/consoleReport.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { runScenarios } from '../scenarios/runScenarios.js';
import type { ScenarioFile } from '../scenarios/types.js';
import { createLocalTarget } from '../targets/local/localTarget.js';
import { ScenarioFailedError } from './ScenarioFailedError.js';

export interface DescribeScenariosOptions {
  /** Folder a relative path starts from; default `process.cwd()` (jest's rootDir when run by jest). */
  cwd?: string;
  /** Only scenarios whose name contains one of these texts become tests (like `chaos run --scenario`). */
  scenarios?: string[];
  /** Timeout of each test in ms; default jest's own. */
  timeoutMs?: number;
}

interface JestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, test: () => Promise<void>, timeout?: number): void;
}

/**
 * Turns a scenario file into jest tests: one `describe` named after the file and one `it` per scenario,
 * run on the local target. A test fails with the scenario's expected-against-actual lines and attempts
 * timeline, exactly as `chaos run` prints them. An invalid file fails every test with the loader's
 * `file:line:column` message.
 *
 * ESM suites only: running scenarios loads the engine, which the CommonJS build of `sfn-chaos/jest` does
 * not carry (see docs/jest.md).
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
  const { describe, it } = jestGlobals();
  const cwd = options.cwd ?? process.cwd();
  const path = file instanceof URL ? fileURLToPath(file) : isAbsolute(file) ? file : resolve(cwd, file);
  const filters = options.scenarios ?? [];
  const listed = listScenarioNames(path);
  let loading: Promise<ScenarioFile> | undefined;
  // One load per file, shared by its tests, and only when a test of it runs.
  const load = (): Promise<ScenarioFile> => (loading ??= loadScenarioFile(path, { cwd }));

  describe(describeTitle(cwd, path), () => {
    if ('problem' in listed) {
      it('loads the scenario file', async () => {
        await load();
        throw new Error(listed.problem);
      });
      return;
    }
    const names = listed.names.filter((name) => filters.length === 0 || filters.some((text) => name.includes(text)));
    for (const name of names) {
      it(
        name,
        async () => {
          const scenarioFile = await load();
          const run = await runScenarios(scenarioFile, { target: createLocalTarget(), filter: (scenario) => scenario.name === name });
          const [result] = run.scenarios;
          if (!result) throw new Error(`scenario ${JSON.stringify(name)} is not in the loaded file`);
          if (result.verdict !== 'passed') throw new ScenarioFailedError(formatScenarioResult(result), result);
        },
        ...(options.timeoutMs === undefined ? [] : [options.timeoutMs]),
      );
    }
  });
}

/**
 * jest collects tests synchronously, so the names come from a plain YAML read; everything else (schema,
 * definitions, handlers) is checked by the real loader when the first test runs.
 */
function listScenarioNames(path: string): { names: string[] } | { problem: string } {
  let value: unknown;
  try {
    value = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `cannot read the scenario names of ${path}: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
  const scenarios = (value as { scenarios?: unknown } | null)?.scenarios;
  if (!Array.isArray(scenarios)) return { problem: `${path} has no scenarios: list` };
  const names = scenarios.map((scenario) => (scenario as { name?: unknown } | null)?.name);
  if (!names.every((name): name is string => typeof name === 'string')) return { problem: `every scenario in ${path} needs a name:` };
  return { names };
}

/** The file's path relative to `cwd`, or its name when it lies outside `cwd`. */
function describeTitle(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? basename(path) : shown;
}

function jestGlobals(): JestGlobals {
  const scope = globalThis as Partial<JestGlobals>;
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function') {
    throw new Error('describeScenarios() needs jest\'s describe and it globals: call it at the top level of a jest test file (injectGlobals must not be false)');
  }
  return { describe: scope.describe.bind(globalThis), it: scope.it.bind(globalThis) };
}
