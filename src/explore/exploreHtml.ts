import { relative } from 'node:path';
import { countOf, formatSeconds } from '../assertions/wording.js';
import { HTML_REPORT_STYLE } from '../reporters/htmlAssets.js';
import { escapeHtml } from '../reporters/htmlEscape.js';
import { writeReportFile } from '../reporters/Reporter.js';
import type { ExploreReport, ExploreRow, MonteCarloSeries } from './exploreTypes.js';
import { exploreTotals, isFailureRow, rowsFailuresFirst } from './exploreSummary.js';
import { unexercisedRules } from './runExploration.js';

/** What the explore page adds to the run report's style: the matrix. */
const MATRIX_STYLE = `
table.matrix { border-collapse: collapse; font-size: 13px; margin: 8px 0 24px; }
table.matrix th, table.matrix td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
table.matrix th.catcher { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
table.matrix td.hit { text-align: center; background: #ddf4ff; }
table.matrix tr.not-recovered td.status { background: #ffebe9; font-weight: bold; }
table.matrix tr.recovered td.status { background: #dafbe1; }
table.matrix td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;

/**
 * The explore report as one self-contained page, in the run report's style: the matrix of cases
 * (failures first) with a column per catcher reached, the worst-case time to recover, the rules never
 * exercised and the Monte Carlo distributions.
 *
 * @example
 * ```ts
 * await writeFile('chaos-explore.html', buildExploreHtml(report, process.cwd()));
 * ```
 */
export function buildExploreHtml(report: ExploreReport, cwd: string): string {
  const shown = relative(cwd, report.file) || report.file;
  const totals = exploreTotals(report);
  const catchers = Object.keys(totals.catchers);
  const unexercised = unexercisedRules(report.coverage);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>sfn-chaos explore: ${escapeHtml(shown)}</title>`,
    `<style>${HTML_REPORT_STYLE}${MATRIX_STYLE}</style>`,
    '</head><body>',
    `<header><h1>sfn-chaos explore <span class="file">${escapeHtml(shown)}</span></h1>`,
    `<p class="run">${countOf(totals.cases, 'case')} · depth ${report.depth}${report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : ''} · ${countOf(report.executions, 'execution')} · ${escapeHtml(report.startedAt.toISOString())}</p>`,
    `<p class="summary">${Object.entries(totals.byStatus)
      .map(([status, n]) => `<span class="count">${n} ${escapeHtml(status)}</span>`)
      .join(' ')}</p>`,
    `<p>worst-case time to recover: ${
      totals.worstRecovery === null
        ? 'no case recovered'
        : `<b>${escapeHtml(formatSeconds(totals.worstRecovery.seconds, { long: true }))}</b> (${escapeHtml(totals.worstRecovery.case)})`
    }</p></header>`,
    '<main>',
    '<h2>Matrix</h2>',
    '<table class="matrix"><thead><tr><th>case</th><th>status</th><th>error</th>',
    ...catchers.map((catcher) => `<th class="catcher">${escapeHtml(catcher)}</th>`),
    '<th>virtual time</th><th>attempts</th></tr></thead><tbody>',
    ...rowsFailuresFirst(report.rows).map((row) => rowHtml(row, catchers)),
    '</tbody></table>',
    '<h2>Retry/Catch rules never exercised</h2>',
    unexercised.length === 0
      ? '<p>none: every rule fired in at least one case</p>'
      : `<ul>${unexercised.map((rule) => `<li>${escapeHtml(`${rule.stateMachine}: ${rule.field} [${rule.errorEquals.join(', ')}]`)}</li>`).join('')}</ul>`,
    ...report.monteCarlo.map(seriesHtml),
    ...(report.notes.length > 0
      ? ['<h2>Notes</h2>', `<ul>${report.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`]
      : []),
    '</main>',
    '</body></html>',
    '',
  ].join('\n');
}

function rowHtml(row: ExploreRow, catchers: readonly string[]): string {
  const attempts = Object.entries(row.attempts)
    .map(([task, n]) => `${task}: ${n}`)
    .join(', ');
  return [
    `<tr class="${isFailureRow(row) ? 'not-recovered' : 'recovered'}">`,
    `<td>${escapeHtml(row.name)}</td>`,
    `<td class="status">${escapeHtml(row.status)}</td>`,
    `<td>${escapeHtml(row.error ?? '')}</td>`,
    ...catchers.map((catcher) => (row.caught.includes(catcher) ? '<td class="hit">✓</td>' : '<td></td>')),
    `<td class="num">${escapeHtml(formatSeconds(row.virtualSeconds, { spaced: true }))}</td>`,
    `<td>${escapeHtml(attempts)}</td>`,
    '</tr>',
  ].join('');
}

function seriesHtml(series: MonteCarloSeries): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
  return [
    `<h2>Monte Carlo: ${escapeHtml(series.scenario)}</h2>`,
    `<p>${countOf(series.runs, 'run')} of ${escapeHtml(series.stateMachine)}, seeds ${escapeHtml(series.seedBase)}#1…#${series.runs}; virtual time mean ${escapeHtml(formatSeconds(Math.round(series.meanVirtualSeconds * 1000) / 1000, { spaced: true }))}, worst ${escapeHtml(formatSeconds(series.worstVirtualSeconds, { spaced: true }))}</p>`,
    '<table class="matrix"><thead><tr><th>outcome</th><th>runs</th><th>share</th><th>95 % interval (Wilson)</th></tr></thead><tbody>',
    ...[...series.outcomes, series.expectationsHeld].map(
      (share) =>
        `<tr><td>${escapeHtml(share.outcome)}</td><td class="num">${share.count}</td><td class="num">${percent(share.share)}</td><td class="num">${percent(share.low)} – ${percent(share.high)}</td></tr>`,
    ),
    '</tbody></table>',
  ].join('\n');
}

/** Writes the HTML explore report to `path`, creating its folder. */
export async function writeExploreHtml(report: ExploreReport, path: string, cwd: string): Promise<void> {
  await writeReportFile(path, buildExploreHtml(report, cwd));
}
