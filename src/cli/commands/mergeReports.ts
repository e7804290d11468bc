import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { mergeCoverage } from '../../coverage/mergeCoverage.js';
import { ExitCode, InvalidInputError } from '../../errors.js';
import { writeExploreHtml } from '../../explore/exploreHtml.js';
import { readExploreJson, writeExploreJson } from '../../explore/exploreJson.js';
import { mergeExploreReports } from '../../explore/mergeExploreReports.js';
import { runResultFromJsonReport } from '../../reporters/readJsonReport.js';
import { exitCodeFor, type RunResult } from '../../run/runScenarios.js';
import type { RunCoverage } from '../../run/coverageTypes.js';
import { formatRunSummary } from '../../reporters/consoleReport.js';
import { parseReporters } from './run.js';
import { UsageError } from '../UsageError.js';

export interface MergeReportsOptions {
  /** The shards' JSON reports (`chaos run --reporter json` or `chaos explore --reporter json`). */
  files: string[];
  reporters: string[];
  /** Folder the merged reports go to: `chaos-results.json/.xml/.html` (run) or `chaos-explore.json/.html` (explore). */
  out: string;
}

/**
 * `chaos merge-reports A.json B.json …`: joins the JSON reports of the shards of one run (or of one
 * exploration) and writes them again through the reporters; returns the exit code the whole run would have had.
 */
export async function mergeReportsCommand(options: MergeReportsOptions): Promise<number> {
  if (options.files.length === 0) throw new UsageError('merge-reports needs the JSON reports to merge');
  const cwd = process.cwd();
  const reports: Record<string, unknown>[] = [];
  for (const file of options.files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new InvalidInputError(`${file} cannot be read as JSON: ${(error as Error).message}`, { file });
    }
    if (typeof json !== 'object' || json === null) throw new InvalidInputError(`${file} is not a JSON report`, { file });
    reports.push(json as Record<string, unknown>);
  }
  const explore = reports.filter((report) => report['kind'] === 'explore').length;
  if (explore > 0 && explore < reports.length) throw new UsageError('merge-reports: explore and run reports cannot be merged together');
  return explore > 0 ? mergeExplore(reports, options, cwd) : mergeRuns(reports, options, cwd);
}

async function mergeRuns(reports: Record<string, unknown>[], options: MergeReportsOptions, cwd: string): Promise<number> {
  const results = reports.map((report, index) => runResultFromJsonReport(report, cwd, options.files[index]));
  const merged = mergeRunResults(results);
  const reporters = parseReporters(options.reporters);
  for (const reporter of reporters) {
    const path = join(options.out, `chaos-results${reporter.extension}`);
    await reporter.write(merged, path, { cwd });
    process.stdout.write(`${reporter.name} report: ${relative(cwd, path) || path}\n`);
  }
  process.stdout.write(`${formatRunSummary(merged)}\n`);
  return exitCodeFor(merged);
}

/**
 * The run results of the shards of one run as one: scenarios in the order of the reports given, ids and
 * targets joined, the earliest start and latest end, coverage added up.
 *
 * @example
 * ```ts
 * mergeRunResults([shard1, shard2]).scenarios.length; // both shards' scenarios
 * ```
 */
export function mergeRunResults(results: readonly RunResult[]): RunResult {
  const [first] = results;
  if (first === undefined) throw new UsageError('merge-reports needs at least one report');
  const coverages = results.flatMap((result) => (result.coverage === undefined ? [] : [result.coverage]));
  const unique = (values: string[]): string => [...new Set(values)].join('+');
  const coverage: RunCoverage | undefined = coverages.length === 0 ? undefined : mergeCoverage(coverages);
  return {
    file: first.file,
    target: unique(results.map((result) => result.target)),
    runId: unique(results.map((result) => result.runId)),
    startedAt: new Date(Math.min(...results.map((result) => result.startedAt.getTime()))),
    finishedAt: new Date(Math.max(...results.map((result) => result.finishedAt.getTime()))),
    scenarios: results.flatMap((result) => result.scenarios),
    ...(coverage === undefined ? {} : { coverage }),
  };
}

async function mergeExplore(reports: Record<string, unknown>[], options: MergeReportsOptions, cwd: string): Promise<number> {
  const merged = mergeExploreReports(reports.map((report) => readExploreJson(report, cwd)));
  const names = options.reporters.flatMap((name) => name.split(',')).filter((name) => name !== 'console');
  for (const name of names) {
    if (name !== 'json' && name !== 'html') throw new UsageError(`merge-reports of explore reports writes json and html, not ${name}`);
    const path = join(options.out, `chaos-explore.${name}`);
    await (name === 'json' ? writeExploreJson : writeExploreHtml)(merged, path, cwd);
    process.stdout.write(`${name} report: ${relative(cwd, path) || path}\n`);
  }
  process.stdout.write(`merged ${reports.length} explore reports: ${merged.rows.length} cases, ${merged.executions} executions\n`);
  return merged.rows.some((row) => row.status === 'ERROR') ? ExitCode.TargetFailed : ExitCode.Passed;
}
