import { relative, resolve } from 'node:path';
import { writeReportFile } from '../reporters/Reporter.js';
import type { RunCoverage } from '../run/coverageTypes.js';
import type { ExploreReport, ExploreRow, MonteCarloSeries } from './exploreTypes.js';
import { EXPLORE_REPORT_SCHEMA_VERSION } from './exploreReportSchema.js';
import { exploreTotals } from './exploreSummary.js';
import { unexercisedRules } from './runExploration.js';

/**
 * The explore report as JSON, in the shape of `schemas/explore-report.schema.json`: rows in case order,
 * `file` relative to `cwd` so reports from different machines (shards) compare.
 *
 * @example
 * ```ts
 * buildExploreJson(report, process.cwd()).summary; // { cases: 12, byStatus: { SUCCEEDED: 9, FAILED: 3 }, … }
 * ```
 */
export function buildExploreJson(report: ExploreReport, cwd: string): Record<string, unknown> {
  return {
    schemaVersion: EXPLORE_REPORT_SCHEMA_VERSION,
    kind: 'explore',
    file: relative(cwd, report.file) || report.file,
    depth: report.depth,
    ...(report.shard === undefined ? {} : { shard: report.shard }),
    startedAt: report.startedAt.toISOString(),
    finishedAt: report.finishedAt.toISOString(),
    workers: report.workers,
    executions: report.executions,
    summary: exploreTotals(report),
    rows: report.rows,
    monteCarlo: report.monteCarlo,
    unexercisedRules: unexercisedRules(report.coverage),
    coverage: report.coverage,
    notes: report.notes,
  };
}

/** Writes the JSON explore report to `path`, creating its folder. */
export async function writeExploreJson(report: ExploreReport, path: string, cwd: string): Promise<void> {
  await writeReportFile(path, `${JSON.stringify(buildExploreJson(report, cwd), null, 2)}\n`);
}

/**
 * Reads an explore JSON report back (`chaos merge-reports` of explore shards); `file` is resolved against `cwd`.
 *
 * @example
 * ```ts
 * const report = readExploreJson(JSON.parse(text), process.cwd());
 * ```
 */
export function readExploreJson(json: Record<string, unknown>, cwd: string): ExploreReport {
  const shard = json['shard'] as ExploreReport['shard'];
  return {
    file: resolve(cwd, String(json['file'])),
    depth: json['depth'] === 2 ? 2 : 1,
    ...(shard === undefined ? {} : { shard }),
    startedAt: new Date(String(json['startedAt'])),
    finishedAt: new Date(String(json['finishedAt'])),
    workers: Number(json['workers']),
    executions: Number(json['executions']),
    rows: json['rows'] as ExploreRow[],
    monteCarlo: json['monteCarlo'] as MonteCarloSeries[],
    coverage: json['coverage'] as RunCoverage,
    notes: json['notes'] as string[],
  };
}
