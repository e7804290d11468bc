import { formatTimeline } from '../assertions/index.js';
import { countOf } from '../assertions/wording.js';
import type { RunResult, ScenarioResult } from '../scenarios/runScenarios.js';
import { summarize } from './summary.js';

const MARK: Record<ScenarioResult['verdict'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };

/** The lines the console shows for one finished scenario: its verdict and, on failure, expected against actual. */
export function formatScenarioResult(result: ScenarioResult): string {
  const lines = [`${MARK[result.verdict]} ${result.name}  (${result.stateMachine}, ${formatMs(result.wallTimeMs)})`];
  if (result.verdict === 'error' || result.verdict === 'skipped') {
    lines.push(`    ${result.verdict === 'error' ? 'target error' : 'skipped'}: ${result.error ?? 'unknown'}`);
  }
  for (const warning of result.injectorWarnings ?? []) {
    lines.push(`    injector warning: ${typeof warning['message'] === 'string' ? warning['message'] : JSON.stringify(warning)}`);
  }
  lines.push(...formatFailedAttemptOrigins(result));
  if (result.verdict === 'failed') {
    for (const failure of result.failures) lines.push(`    ${failure.message}`);
    const failedStates = new Set(result.failures.map((failure) => /^states\["(.+?)"\]/.exec(failure.path)?.[1]).filter(Boolean));
    for (const visit of result.analysis?.visits ?? []) {
      if (!failedStates.has(visit.name)) continue;
      lines.push(...formatTimeline(visit).split('\n').map((line) => `      ${line}`));
    }
  }
  return lines.join('\n');
}

/**
 * What the fault ledger says about the failed attempts (targets that read it back): each failure no ledger
 * line explains, and for a failed scenario how many failures were injected.
 */
function formatFailedAttemptOrigins(result: ScenarioResult): string[] {
  const origins = result.execution?.failedAttempts;
  if (origins === undefined || origins.length === 0) return [];
  // Task-token answers are the scenario's callbacks or the workflow's own doing, never an injector's.
  const lines = origins
    .filter((origin) => !origin.injected && !origin.afterSubmission)
    .map((origin) => `    not injected by sfn-chaos: ${origin.stateName} attempt ${origin.attempt} ${origin.error ?? '(no error)'} (${origin.failureEventType} id ${origin.failureEventId})`);
  if (result.verdict === 'failed') {
    lines.unshift(`    fault ledger: ${origins.filter((origin) => origin.injected).length} of ${countOf(origins.length, 'failed attempt')} injected`);
  }
  return lines;
}

/** The closing summary; its last line reads `N passed, N failed` for CI log readers. */
export function formatRunSummary(result: RunResult): string {
  const summary = summarize(result);
  const virtual = result.scenarios.reduce((total, scenario) => total + executionSeconds(scenario), 0);
  const wall = result.finishedAt.getTime() - result.startedAt.getTime();
  const extra = [summary.error > 0 ? countOf(summary.error, 'target error') : '', summary.skipped > 0 ? `${summary.skipped} skipped` : '']
    .filter(Boolean)
    .join(', ');
  return [
    '',
    `${countOf(result.scenarios.length, 'scenario')} on the ${result.target} target: ${formatSeconds(virtual)} of execution time in ${formatMs(wall)}${extra ? ` (${extra})` : ''}`,
    `${summary.passed} passed, ${summary.failed} failed`,
  ].join('\n');
}

function executionSeconds(scenario: ScenarioResult): number {
  const execution = scenario.execution;
  if (!execution?.stopDate) return 0;
  return (execution.stopDate.getTime() - execution.startDate.getTime()) / 1000;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Virtual durations run from milliseconds to days: `70 s`, `12 min 5 s`, `25 h 16 min`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds * 1000) / 1000} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes - hours * 60} min`;
}
