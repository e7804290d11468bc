import { withFields } from '../withFields.js';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { checkOptions, optionNames } from '../sources/checkOptions.js';
import { InvalidInputError, TargetError } from '../errors.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { didYouMean } from '../sources/loadErrors.js';
import { runScenarios, type ScenarioResult } from './runScenarios.js';
import type { RawScenario } from '../scenarios/rawScenarioFile.js';
import { createLocalTarget } from '../targets/local/localTarget.js';

/**
 * A scenario written in code: the same keys as an entry of `scenarios:` in a scenario file, checked the same
 * way. `expect` is required there too; `{ status: 'SUCCEEDED' }` is enough when jest matchers do the rest.
 */
export type InlineScenario = RawScenario;

export interface RunScenarioOptions {
  /** The scenario file whose state machines (and, by name, scenarios) to use; relative to `cwd`. */
  file: string;
  /** The name of a scenario in `file`, or a scenario object that runs on `file`'s state machines. */
  scenario: string | InlineScenario;
  /** Folder a relative `file` starts from; default `process.cwd()`. */
  cwd?: string;
  /** Tolerance in seconds for exact backoff expectations that set none; default 0.001 (virtual time is exact). */
  defaultTolerance?: number;
}

/** One scenario's result, with the target it ran on (the jest matchers choose their default tolerance from it). */
export interface RunScenarioResult extends ScenarioResult {
  target: 'local';
  /** Absolute path of the scenario file. */
  file: string;
}

/**
 * Runs one scenario on the local target (the virtual-time engine) and returns its result: the verdict of
 * the scenario's own `expect`, the analysed history and the full `HistoryEvent[]`. A failed expectation is
 * a result with verdict `failed`, not an exception; an invalid file or scenario throws
 * {@link InvalidInputError} and a scenario the engine cannot run throws {@link TargetError}.
 *
 * @example
 * ```ts
 * import { runScenario } from 'sfn-chaos';
 *
 * const result = await runScenario({
 *   file: 'scenarios.yaml',
 *   scenario: {
 *     name: 'HTTPError on every attempt',
 *     stateMachine: 'asteroids',
 *     faults: [{ function: 'downloadExoplanetsLambda', error: 'HTTPError' }],
 *     expect: { status: 'SUCCEEDED' },
 *   },
 * });
 * expect(result).toHaveBackoff('Download Exoplanets', [10, 20, 40]); // with sfn-chaos/jest
 * ```
 */
const RUN_SCENARIO_OPTIONS = optionNames<RunScenarioOptions>({ file: true, scenario: true, cwd: true, defaultTolerance: true });

export async function runScenario(options: RunScenarioOptions): Promise<RunScenarioResult> {
  checkOptions('runScenario', options, RUN_SCENARIO_OPTIONS);
  const cwd = options.cwd ?? process.cwd();
  const file = isAbsolute(options.file) ? options.file : resolve(cwd, options.file);
  const inline = typeof options.scenario === 'string' ? undefined : options.scenario;
  const loaded = await loadScenarioFile(file, {
    cwd,
    ...(inline === undefined ? {} : { text: await withOnlyScenario(file, cwd, inline) }),
  });
  const name = typeof options.scenario === 'string' ? options.scenario : options.scenario.name;
  if (!loaded.scenarios.some((scenario) => scenario.name === name)) {
    const names = loaded.scenarios.map((scenario) => scenario.name);
    throw new InvalidInputError(`no scenario named ${JSON.stringify(name)}${didYouMean(name, names)}`, { file: options.file });
  }

  const target = createLocalTarget();
  const run = await runScenarios(loaded, {
    target,
    filter: (scenario) => scenario.name === name,
    defaultTolerance: options.defaultTolerance ?? target.defaultBackoffTolerance,
  });
  const [result] = run.scenarios;
  if (!result) throw new TargetError(`scenario ${JSON.stringify(name)} did not run`);
  if (result.verdict === 'error' || result.verdict === 'skipped') {
    throw new TargetError(`scenario ${JSON.stringify(name)} could not run on the local target: ${result.error ?? 'unknown reason'}`);
  }
  return withFields(result, { target: 'local' as const, file });
}

/**
 * The file's text with `scenarios:` replaced by the inline scenario, so the loader checks it against the
 * file's state machines exactly as it checks a scenario written in the file (the rest of the text, and its
 * line numbers, stay as they are).
 */
async function withOnlyScenario(file: string, cwd: string, scenario: InlineScenario): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidInputError(
      `scenario file ${resolve(cwd, file)} cannot be read: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  const document = parseDocument(text);
  if (document.errors.length > 0 || typeof document.toJS() !== 'object' || document.toJS() === null) {
    // Let the loader report the problem with its usual file:line message.
    return text;
  }
  document.set('scenarios', [scenario]);
  return document.toString();
}
