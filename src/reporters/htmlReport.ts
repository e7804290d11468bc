import { writeReportFile, type Reporter } from './Reporter.js';
import { relative } from 'node:path';
import type { StateVisit } from '../assertions/types.js';
import { countOf } from '../assertions/wording.js';
import type { RunResult, ScenarioResult } from '../run/runScenarios.js';
import type { Scenario } from '../scenarios/types.js';
import { renderChildExecutions } from './htmlChildExecutions.js';
import { mapRunLines } from './mapRunLines.js';
import { escapeHtml } from './htmlEscape.js';
import { HTML_REPORT_SCRIPT, HTML_REPORT_STYLE } from './htmlAssets.js';
import { renderVisitTimeline, type ExpectedBackoff } from './htmlTimeline.js';
import { summarize } from './summary.js';

/** Timelines per scenario; a 1,000-item Map would otherwise make a page nobody can scroll. */
const MAX_TIMELINES_PER_SCENARIO = 40;
export interface HtmlReportOptions {
  /** Folder the page shows the scenario file's path relative to; default `process.cwd()`. */
  cwd?: string;
}

/**
 * Builds the HTML report: one self-contained page (inline CSS and JS, nothing fetched) with, per scenario,
 * its verdict, the failed expectations (expected against actual) and a timeline per retried or caught
 * state: attempts as bars on a time axis, each backoff gap labelled with the wait seen and the wait
 * expected (from the expectations and tolerance each result was judged with), and the catch jump to its
 * destination. Nested workflows follow their parent's timelines, each with its own.
 *
 * @example
 * ```ts
 * const file = await loadScenarioFile('scenarios.yaml');
 * const result = await runScenarios(file, { target: createLocalTarget() });
 * await writeFile('chaos-results.html', buildHtmlReport(result));
 * ```
 */
export function buildHtmlReport(result: RunResult, options: HtmlReportOptions = {}): string {
  const summary = summarize(result);
  const shownFile = relative(options.cwd ?? process.cwd(), result.file) || result.file;
  const counts = (['passed', 'failed', 'error', 'skipped'] as const)
    .filter((verdict) => verdict === 'passed' || verdict === 'failed' || summary[verdict] > 0)
    .map(
      (verdict) =>
        `<span class="count verdict-${verdict}">${verdict === 'error' ? countOf(summary[verdict], 'error') : `${summary[verdict]} ${verdict}`}</span>`,
    )
    .join(' ');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>sfn-chaos: ${escapeHtml(shownFile)}</title>`,
    `<style>${HTML_REPORT_STYLE}</style>`,
    '</head><body>',
    `<header><h1>sfn-chaos report <span class="file">${escapeHtml(shownFile)}</span></h1>`,
    `<p class="run">${countOf(result.scenarios.length, 'scenario')} on the ${escapeHtml(result.target)} target · run ${escapeHtml(result.runId)} · ${escapeHtml(result.startedAt.toISOString())}</p>`,
    `<p class="summary">${counts}</p>`,
    '<label class="filter"><input type="checkbox" id="only-problems"> only scenarios that did not pass</label></header>',
    '<main>',
    ...result.scenarios.map(renderScenario),
    '</main>',
    `<script>${HTML_REPORT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

function renderScenario(scenario: ScenarioResult): string {
  const expectations = scenario.judgedWith?.expect.states ?? {};
  const defaultTolerance = scenario.judgedWith?.defaultTolerance ?? 0;
  const visits = (scenario.analysis?.visits ?? []).filter((visit) => visit.attempts.length > 0);
  const shown = visits.slice(0, MAX_TIMELINES_PER_SCENARIO);
  const execution = scenario.execution;
  const parts = [
    `<section class="scenario verdict-${scenario.verdict}" data-scenario="${escapeHtml(scenario.name)}" data-verdict="${scenario.verdict}">`,
    `<h2><span class="badge verdict-${scenario.verdict}">${scenario.verdict}</span> ${escapeHtml(scenario.name)}</h2>`,
    `<p class="meta">state machine <b>${escapeHtml(scenario.stateMachine)}</b>${
      execution
        ? ` · execution <b class="execution-status">${escapeHtml(execution.status)}</b>${execution.error === undefined ? '' : ` with ${escapeHtml(execution.error)}`}`
        : ''
    } · ${Math.round(scenario.wallTimeMs)} ms</p>`,
  ];
  if (scenario.verdict === 'error' || scenario.verdict === 'skipped') {
    parts.push(
      `<p class="problem">${scenario.verdict === 'error' ? 'target error' : 'skipped'}: ${escapeHtml(scenario.error ?? 'unknown')}</p>`,
    );
  }
  if (scenario.failures.length > 0) {
    parts.push(
      '<ul class="failures">',
      ...scenario.failures.map(
        (failure) =>
          `<li class="failure"><div class="failure-message">${escapeHtml(failure.message)}</div><div class="versus"><span class="expected">expected ${escapeHtml(show(failure.expected))}</span><span class="actual">actual ${escapeHtml(show(failure.actual))}</span></div></li>`,
      ),
      '</ul>',
    );
  }
  parts.push(...shown.map((visit) => renderVisitTimeline(visit, expectedBackoff(visit, expectations, defaultTolerance))));
  if (visits.length > shown.length)
    parts.push(`<p class="more">… ${visits.length - shown.length} more state visits (see the JSON report)</p>`);
  parts.push(...renderChildExecutions(execution?.childExecutions ?? []));
  parts.push(...mapRunLines(execution?.mapRuns ?? []).map((line) => `<p class="map-run">${escapeHtml(line)}</p>`));
  parts.push('</section>');
  return parts.join('\n');
}

function expectedBackoff(
  visit: StateVisit,
  expectations: NonNullable<Scenario['expect']['states']>,
  defaultTolerance: number,
): ExpectedBackoff | undefined {
  const expectation = Object.hasOwn(expectations, visit.name) ? expectations[visit.name] : undefined;
  if (!expectation?.backoff || (expectation.visit ?? 1) !== visit.visit || visit.enclosingState) return undefined;
  return { intervals: expectation.backoff, tolerance: expectation.tolerance ?? defaultTolerance };
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

/** Writes the HTML report to `path`, creating its folder. */
export async function writeHtmlReport(result: RunResult, path: string, options: HtmlReportOptions = {}): Promise<void> {
  await writeReportFile(path, buildHtmlReport(result, options));
}

/** `--reporter html`: one self-contained page with a timeline per retried or caught state. */
export const htmlReporter: Reporter = {
  name: 'html',
  extension: '.html',
  write: (result, path, context) => writeHtmlReport(result, path, context),
};
