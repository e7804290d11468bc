import { mergeCoverage } from '../coverage/mergeCoverage.js';
import type { ExploreReport, MonteCarloSeries, OutcomeShare } from './exploreTypes.js';
import { wilsonInterval } from './wilson.js';

/**
 * The explore reports of the shards of one exploration as one: rows back in fault-space order, each Monte
 * Carlo series' counts added up (shares and Wilson intervals computed again over all runs), coverage joined.
 *
 * @example
 * ```ts
 * mergeExploreReports([shard1, shard2]).rows.length; // every case once
 * ```
 */
export function mergeExploreReports(reports: readonly ExploreReport[]): ExploreReport {
  const [first] = reports;
  if (first === undefined) throw new Error('mergeExploreReports needs at least one report');
  const series = new Map<string, MonteCarloSeries[]>();
  for (const report of reports) for (const one of report.monteCarlo) series.set(one.scenario, [...(series.get(one.scenario) ?? []), one]);
  const { shard: _shard, ...rest } = first;
  return {
    ...rest,
    startedAt: new Date(Math.min(...reports.map((report) => report.startedAt.getTime()))),
    finishedAt: new Date(Math.max(...reports.map((report) => report.finishedAt.getTime()))),
    workers: reports.reduce((sum, report) => sum + report.workers, 0),
    executions: reports.reduce((sum, report) => sum + report.executions, 0),
    rows: reports.flatMap((report) => report.rows).sort((a, b) => a.index - b.index),
    monteCarlo: [...series.values()].map(mergeSeries),
    coverage: mergeCoverage(reports.map((report) => report.coverage)),
    notes: [...new Set(reports.flatMap((report) => report.notes))],
  };
}

function mergeSeries(parts: readonly MonteCarloSeries[]): MonteCarloSeries {
  const [first] = parts as [MonteCarloSeries];
  const runs = parts.reduce((sum, part) => sum + part.runs, 0);
  const counts = new Map<string, number>();
  for (const part of parts)
    for (const outcome of part.outcomes) counts.set(outcome.outcome, (counts.get(outcome.outcome) ?? 0) + outcome.count);
  const share = (outcome: string, count: number): OutcomeShare => ({
    outcome,
    count,
    share: runs === 0 ? 0 : count / runs,
    ...wilsonInterval(count, runs),
  });
  return {
    ...first,
    runs,
    outcomes: [...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .map(([outcome, count]) => share(outcome, count)),
    meanVirtualSeconds: runs === 0 ? 0 : parts.reduce((sum, part) => sum + part.meanVirtualSeconds * part.runs, 0) / runs,
    worstVirtualSeconds: Math.max(...parts.map((part) => part.worstVirtualSeconds)),
    expectationsHeld: share(
      first.expectationsHeld.outcome,
      parts.reduce((sum, part) => sum + part.expectationsHeld.count, 0),
    ),
  };
}
