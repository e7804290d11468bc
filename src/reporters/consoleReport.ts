import { formatTimeline } from '../assertions/index.js';
import { countOf, formatSeconds } from '../assertions/wording.js';
import type { RunResult, ScenarioResult } from '../run/runScenarios.js';
import { summarize } from './summary.js';
import { asyncInvocationLines } from './asyncInvocationLines.js';
import { childExecutionLines } from './childExecutionLines.js';
import { mapRunLines } from './mapRunLines.js';

const MARK: Record<ScenarioResult['verdict'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '-' };
/** Execution statuses with an `error` and `cause` worth showing. */
const FAILED_STATUSES: ReadonlySet<string> = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);
/** A cause is often a Lambda error payload with a stack trace: the console shows its start on one line. */
const MAX_CAUSE_LENGTH = 160;

/** The lines the console shows for one finished scenario: its verdict and, on failure, expected against actual. */
export function formatScenarioResult(result: ScenarioResult): string {
  const lines = [`${MARK[result.verdict]} ${result.name}  (${result.stateMachine}, ${formatMs(result.wallTimeMs)})`];
  if (result.verdict === 'error' || result.verdict === 'skipped') {
    lines.push(`    ${result.verdict === 'error' ? 'target error' : 'skipped'}: ${result.error ?? 'unknown'}`);
  }
  for (const warning of result.injectorWarnings ?? []) {
    lines.push(`    injector warning: ${typeof warning['message'] === 'string' ? warning['message'] : JSON.stringify(warning)}`);
  }
  if (result.verdict !== 'passed') lines.push(...formatExecutionFailure(result));
  lines.push(...formatFailedAttemptOrigins(result));
  lines.push(...childExecutionLines(result.execution?.childExecutions ?? [], result.injectedFaults));
  lines.push(...mapRunLines(result.execution?.mapRuns ?? []).map((line) => `    ${line}`));
  lines.push(...asyncInvocationLines(result.execution?.asyncInvocations ?? []));
  if (result.verdict === 'failed') {
    for (const failure of result.failures) lines.push(`    ${failure.message}`);
    const failedStates = new Set(result.failures.map((failure) => /^states\["(.+?)"\]/.exec(failure.path)?.[1]).filter(Boolean));
    for (const visit of result.analysis?.visits ?? []) {
      if (!failedStates.has(visit.name)) continue;
      lines.push(
        ...formatTimeline(visit)
          .split('\n')
          .map((line) => `      ${line}`),
      );
    }
  }
  return lines.join('\n');
}

/** `execution FAILED: LedgerClosedError: {"errorType":…` for an execution that failed, timed out or was aborted. */
function formatExecutionFailure(result: ScenarioResult): string[] {
  const execution = result.execution;
  if (!execution || !FAILED_STATUSES.has(execution.status)) return [];
  const parts = [execution.error, execution.cause === undefined ? undefined : oneLine(execution.cause, MAX_CAUSE_LENGTH)].filter(
    (part) => part !== undefined && part !== '',
  );
  return [`    execution ${execution.status}${parts.length > 0 ? `: ${parts.join(': ')}` : ''}`];
}

/** Whitespace runs (newlines of a stack trace included) as one space, cut to `max` characters. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * What the fault ledger says about the failed attempts (targets that read it back). Under a scenario that
 * failed: how many failures were injected, and each failure no ledger line explains. Under one that passed,
 * only the failures Lambda's runtime itself reported (`Sandbox.Timedout`, `Runtime.*`: a handler that ran
 * out of time, never settled, or returned what cannot be serialised), since those are the user's code at
 * fault even when Retry and Catch coped; the handler's own thrown errors are then part of what the scenario
 * expected (an outage simulated by the input, a validation error the workflow catches), and listing them
 * would be noise that reads like a warning. The JSON report keeps them all under `failedAttempts`.
 */
function formatFailedAttemptOrigins(result: ScenarioResult): string[] {
  const origins = result.execution?.failedAttempts;
  if (origins === undefined || origins.length === 0) return [];
  const failed = result.verdict === 'failed';
  // Task-token answers are the scenario's callbacks or the workflow's own doing, never an injector's.
  const lines = origins
    .filter((origin) => !origin.injected && !origin.afterSubmission && (failed || isRuntimeFailure(origin.error)))
    .map(
      (origin) =>
        `    not injected by sfn-chaos: ${origin.stateName} attempt ${origin.attempt} ${origin.error ?? '(no error)'} (${origin.failureEventType} id ${origin.failureEventId})`,
    );
  if (failed) {
    lines.unshift(
      `    fault ledger: ${origins.filter((origin) => origin.injected).length} of ${countOf(origins.length, 'failed attempt')} ${origins.length === 1 ? 'was' : 'were'} injected`,
    );
  }
  return lines;
}

/** An error Lambda's runtime reports about the function (`Sandbox.Timedout`, `Runtime.JSONStringifyError`), not one the handler threw. */
function isRuntimeFailure(error: string | null | undefined): boolean {
  return typeof error === 'string' && /^(Sandbox|Runtime)\./.test(error);
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
    `${countOf(result.scenarios.length, 'scenario')} on the ${result.target} target: ${formatSeconds(virtual, { long: true })} of execution time in ${formatMs(wall)}${extra ? ` (${extra})` : ''}`,
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
