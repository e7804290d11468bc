import { relative } from 'node:path';
import { countOf, formatSeconds } from '../assertions/wording.js';
import type { ExploreReport, ExploreRow, MonteCarloSeries } from './exploreTypes.js';
import { exploreTotals, isFailureRow, rowsFailuresFirst } from './exploreSummary.js';
import { unexercisedRules } from './runExploration.js';

/** Rows the console lists that did recover, and that did not; the JSON and HTML reports have them all. */
const RECOVERED_ROWS_SHOWN = 20;
const FAILED_ROWS_SHOWN = 50;

/**
 * The console summary of an exploration: the cases that did not recover, the catchers reached, the
 * worst-case time to recover, the rules no case exercised, and each Monte Carlo distribution with its
 * 95 % intervals.
 *
 * @example
 * ```ts
 * process.stdout.write(formatExploreSummary(report, process.cwd()));
 * ```
 */
export function formatExploreSummary(report: ExploreReport, cwd: string, wallSeconds?: number): string {
  const totals = exploreTotals(report);
  const shown = relative(cwd, report.file) || report.file;
  const lines: string[] = [];
  const rate =
    wallSeconds !== undefined && wallSeconds > 0 ? `, ${Math.round(report.executions / wallSeconds).toLocaleString('en-US')}/s` : '';
  lines.push(
    `chaos explore ${shown}: ${countOf(totals.cases, 'case')} (depth ${report.depth}${report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : ''}), ${countOf(report.executions, 'execution')} on ${countOf(report.workers, 'worker thread')}${wallSeconds !== undefined ? ` in ${formatSeconds(Math.round(wallSeconds * 10) / 10, { spaced: true })}${rate}` : ''}`,
  );
  lines.push(
    `  ${Object.entries(totals.byStatus)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ')}`,
  );
  const rows = rowsFailuresFirst(report.rows);
  const failing = rows.filter(isFailureRow);
  const recovered = rows.filter((row) => !isFailureRow(row));
  if (failing.length > 0) {
    lines.push('', 'did not recover:');
    for (const row of failing.slice(0, FAILED_ROWS_SHOWN)) lines.push(`  ${rowLine(row)}`);
    if (failing.length > FAILED_ROWS_SHOWN) lines.push(`  … ${failing.length - FAILED_ROWS_SHOWN} more (see the JSON or HTML report)`);
  }
  if (recovered.length > 0) {
    lines.push('', 'recovered:');
    for (const row of recovered.slice(0, RECOVERED_ROWS_SHOWN)) lines.push(`  ${rowLine(row)}`);
    if (recovered.length > RECOVERED_ROWS_SHOWN)
      lines.push(`  … ${recovered.length - RECOVERED_ROWS_SHOWN} more (see the JSON or HTML report)`);
  }
  const catchers = Object.entries(totals.catchers);
  if (catchers.length > 0) {
    lines.push('', 'catchers reached:');
    for (const [catcher, count] of catchers) lines.push(`  ${catcher}: ${countOf(count, 'case')}`);
  }
  lines.push(
    '',
    totals.worstRecovery === null
      ? 'worst-case time to recover: no case recovered'
      : `worst-case time to recover: ${formatSeconds(totals.worstRecovery.seconds, { long: true })} (${totals.worstRecovery.case})`,
  );
  const unexercised = unexercisedRules(report.coverage);
  lines.push(unexercised.length === 0 ? 'Retry/Catch rules never exercised: none' : 'Retry/Catch rules never exercised:');
  for (const rule of unexercised) lines.push(`  ${rule.stateMachine}: ${rule.field} [${rule.errorEquals.join(', ')}]`);
  for (const series of report.monteCarlo) lines.push('', ...seriesLines(series));
  for (const note of report.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

function rowLine(row: ExploreRow): string {
  const what = [row.status, row.error, ...row.caught.map((caught) => `caught: ${caught}`)].filter((part) => part !== undefined);
  return `${row.name}  →  ${what.join(', ')} (${formatSeconds(row.virtualSeconds, { spaced: true })})`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

function seriesLines(series: MonteCarloSeries): string[] {
  return [
    `Monte Carlo: ${series.scenario} (${series.stateMachine}), ${countOf(series.runs, 'run')}, seeds ${series.seedBase}#1…#${series.runs}:`,
    ...[...series.outcomes, series.expectationsHeld].map(
      (share) =>
        `  ${percent(share.share).padStart(7)}  [${percent(share.low)} – ${percent(share.high)}]  ${share.outcome} (${share.count})`,
    ),
    `  virtual time: mean ${formatSeconds(Math.round(series.meanVirtualSeconds * 1000) / 1000, { spaced: true })}, worst ${formatSeconds(series.worstVirtualSeconds, { spaced: true })}`,
  ];
}
