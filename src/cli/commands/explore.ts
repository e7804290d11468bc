import { extname, relative, resolve } from 'node:path';
import { ExitCode } from '../../errors.js';
import { writeEmittedScenarios, type EmitChoice } from '../../explore/emitScenarios.js';
import { formatExploreSummary } from '../../explore/exploreConsole.js';
import { writeExploreHtml } from '../../explore/exploreHtml.js';
import { writeExploreJson } from '../../explore/exploreJson.js';
import type { ExploreReport } from '../../explore/exploreTypes.js';
import { type DefinitionSource, scenarioFileForDefinition } from '../../explore/definitionSource.js';
import { createProgressBar } from '../../explore/progressBar.js';
import { runExploration } from '../../explore/runExploration.js';
import type { Shard } from '../../run/shard.js';
import { UsageError } from '../UsageError.js';

export interface ExploreCommandOptions {
  /** The scenario file; absent with {@link ExploreCommandOptions.definitionSource}. */
  file?: string;
  /** A state machine given by its definition (or template) and handlers instead of a scenario file. */
  definitionSource?: DefinitionSource;
  depth: 1 | 2;
  monteCarlo?: number;
  stateMachines?: string[];
  shard?: Shard;
  workers?: number;
  handlers?: 'isolated' | 'in-process';
  reporters: string[];
  out?: string;
  emitScenarios?: string;
  emit?: EmitChoice;
  /** Exit with 1 when a case did not end SUCCEEDED. */
  strict?: boolean;
}

/** What `--definition` explores is named in messages as this file (of the current folder); it is never written. */
const VIRTUAL_FILE = 'chaos-explore.yaml';

/** The explore reports `--reporter` can write, and their extensions. */
const EXPLORE_REPORTERS = {
  json: { extension: '.json', write: writeExploreJson },
  html: { extension: '.html', write: writeExploreHtml },
} as const;
type ExploreReporterName = keyof typeof EXPLORE_REPORTERS;

/** `chaos explore FILE`: build the fault space, run it, print the summary, write the reports; returns the exit code. */
export async function exploreCommand(options: ExploreCommandOptions): Promise<number> {
  const reporters = parseExploreReporters(options.reporters);
  const cwd = process.cwd();
  const bar = createProgressBar(process.stdout);
  const started = performance.now();
  let exploration: Awaited<ReturnType<typeof runExploration>>;
  try {
    exploration = await runExploration({
      file: options.file ?? VIRTUAL_FILE,
      ...(options.file === undefined && options.definitionSource !== undefined
        ? { text: scenarioFileForDefinition(options.definitionSource, cwd) }
        : {}),
      cwd,
      depth: options.depth,
      ...(options.monteCarlo !== undefined ? { monteCarlo: options.monteCarlo } : {}),
      ...(options.stateMachines !== undefined ? { stateMachines: options.stateMachines } : {}),
      ...(options.shard !== undefined ? { shard: options.shard } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.handlers !== undefined ? { handlers: options.handlers } : {}),
      onProgress: bar.update,
    });
  } finally {
    bar.close();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const { report } = exploration;
  for (const [name, path] of explorePaths(reporters, options.out)) {
    await EXPLORE_REPORTERS[name].write(report, path, cwd);
    process.stdout.write(`${name} report: ${relative(cwd, path) || path}\n`);
  }
  if (options.emitScenarios !== undefined) {
    const written = await writeEmittedScenarios({
      rawFile: exploration.rawFile,
      cases: exploration.cases,
      rows: report.rows,
      choice: options.emit ?? 'failed',
      sourceFile: report.file,
      outFile: options.emitScenarios,
    });
    process.stdout.write(`scenarios: ${written} written to ${options.emitScenarios}\n`);
  }
  process.stdout.write(formatExploreSummary(report, cwd, wallSeconds));
  return exitCodeOf(report, options.strict === true);
}

function exitCodeOf(report: ExploreReport, strict: boolean): number {
  if (report.rows.some((row) => row.status === 'ERROR')) return ExitCode.TargetFailed;
  if (strict && report.rows.some((row) => row.status !== 'SUCCEEDED')) return ExitCode.ExpectationFailed;
  return ExitCode.Passed;
}

function parseExploreReporters(names: readonly string[]): ExploreReporterName[] {
  const chosen = new Set<ExploreReporterName>();
  for (const name of names.flatMap((value) => value.split(','))) {
    if (name === 'console') continue;
    if (!Object.hasOwn(EXPLORE_REPORTERS, name))
      throw new UsageError(
        `unknown reporter "${name}" for chaos explore; choose from console, ${Object.keys(EXPLORE_REPORTERS).join(', ')}`,
      );
    chosen.add(name as ExploreReporterName);
  }
  return [...chosen];
}

/** One reporter writes `--out` as given (default chaos-explore.json/.html); several add their extension to it. */
function explorePaths(reporters: readonly ExploreReporterName[], out: string | undefined): [ExploreReporterName, string][] {
  const [only] = reporters;
  if (only !== undefined && reporters.length === 1) return [[only, resolve(out ?? `chaos-explore${EXPLORE_REPORTERS[only].extension}`)]];
  const extension = extname(out ?? '');
  const known = Object.values(EXPLORE_REPORTERS).map((reporter) => reporter.extension as string);
  const base = out === undefined ? 'chaos-explore' : known.includes(extension) ? out.slice(0, -extension.length) : out;
  return reporters.map((name) => [name, resolve(`${base}${EXPLORE_REPORTERS[name].extension}`)]);
}
