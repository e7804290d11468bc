import { readFileSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkOptions, optionNames } from '../sources/checkOptions.js';

export interface DescribeScenariosOptions {
  /** Folder a relative path starts from; default `process.cwd()` (jest's rootDir when run by jest). */
  cwd?: string;
  /** Only scenarios whose name contains one of these texts become tests (like `chaos run --scenario`). */
  scenarios?: string[];
  /** Timeout of each test in ms; default jest's own. */
  timeoutMs?: number;
}

const DESCRIBE_OPTIONS = optionNames<DescribeScenariosOptions>({ cwd: true, scenarios: true, timeoutMs: true });

/**
 * Runs scenario `name` of `file` on the local target and throws when it does not pass; without a name it only
 * loads the file (and throws the loader's `file:line` message when the file is invalid).
 */
export type RunNamedScenario = (file: string, cwd: string, name?: string) => Promise<void>;

interface JestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, test: () => Promise<void>, timeout?: number): void;
}

/**
 * What `describeScenarios()` does in both builds of `sfn-chaos/jest`: one `describe` named after the file and
 * one `it` per scenario, each calling `run`. jest collects tests synchronously, so only the scenario names are
 * read here (a plain YAML read, no engine); `run` loads and checks everything else when a test runs, which is
 * what lets the CommonJS build load the engine (an ES module) only then.
 *
 * @example
 * ```ts
 * defineScenarioTests('scenarios.yaml', {}, async (file, cwd, name) => {
 *   // load `file`, run scenario `name`, throw unless it passed
 * });
 * ```
 */
export function defineScenarioTests(file: string | URL, options: DescribeScenariosOptions, run: RunNamedScenario): void {
  checkOptions('describeScenarios', options, DESCRIBE_OPTIONS);
  const { describe, it } = jestGlobals();
  const cwd = options.cwd ?? process.cwd();
  const path = file instanceof URL ? fileURLToPath(file) : isAbsolute(file) ? file : resolve(cwd, file);
  const filters = options.scenarios ?? [];
  const listed = listScenarioNames(path);
  const timeout = options.timeoutMs === undefined ? [] : [options.timeoutMs];

  describe(describeTitle(cwd, path), () => {
    if ('problem' in listed) {
      it('loads the scenario file', async () => {
        // The real loader's file:line message says more than the name listing can, when it finds something.
        await run(path, cwd);
        throw new Error(listed.problem);
      });
      return;
    }
    const names = listed.names.filter((name) => filters.length === 0 || filters.some((text) => name.includes(text)));
    for (const name of names) it(name, () => run(path, cwd, name), ...timeout);
  });
}

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
    throw new Error(
      "describeScenarios() needs jest's describe and it globals: call it at the top level of a jest test file (injectGlobals must not be false)",
    );
  }
  return { describe: scope.describe.bind(globalThis), it: scope.it.bind(globalThis) };
}
