import { writeReportFile, type Reporter } from './Reporter.js';
import { relative } from 'node:path';
import type { StateVisit } from '../assertions/types.js';
import type { RunResult, ScenarioResult } from '../run/runScenarios.js';
import { JSON_REPORT_SCHEMA_VERSION } from './jsonReportSchema.js';
import { asyncInvocationsReport, childExecutionsReport } from './nestedExecutionsReport.js';
import { summarize } from './summary.js';

/** Per-state observations as the JSON report shows them: what a user checks about Retry and Catch. */
export interface StateReport {
  visit: number;
  attempts: number;
  backoffIntervals: number[];
  errors: string[];
  outcome: StateVisit['outcome'];
  catchDestination: string | null;
  attemptDetails: StateVisit['attempts'];
  /** For a state inside a Map iteration or Parallel branch: the Map or Parallel visit and run it ran in. */
  enclosingState?: NonNullable<StateVisit['enclosingState']>;
}

export interface JsonReportOptions {
  /** Folder the report's `file` is relative to; default `process.cwd()`. */
  cwd?: string;
}

/**
 * Builds the JSON report: per scenario and per state the observations, plus the execution and its full
 * history, the nested workflows it started (status, error, per-state observations and event count) and
 * its `InvocationType: Event` invocations with Lambda's attempts. Its shape is `schemas/json-report.schema.json` (see {@link JSON_REPORT_SCHEMA_VERSION}); `file`
 * is relative to `options.cwd`, so reports from different machines compare.
 *
 * @example
 * ```ts
 * const report = buildJsonReport(await runScenarios(file, { target: createLocalTarget() }));
 * report.schemaVersion; // 1
 * ```
 */
export function buildJsonReport(result: RunResult, options: JsonReportOptions = {}): Record<string, unknown> {
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    file: relative(options.cwd ?? process.cwd(), result.file) || result.file,
    target: result.target,
    runId: result.runId,
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    summary: summarize(result),
    scenarios: result.scenarios.map(scenarioReport),
    ...(result.coverage !== undefined ? { coverage: result.coverage } : {}),
  };
}

function scenarioReport(scenario: ScenarioResult): Record<string, unknown> {
  const execution = scenario.execution;
  return {
    name: scenario.name,
    stateMachine: scenario.stateMachine,
    verdict: scenario.verdict,
    failures: scenario.failures,
    ...(scenario.error !== undefined ? { error: scenario.error } : {}),
    wallTimeMs: Math.round(scenario.wallTimeMs * 1000) / 1000,
    execution: execution
      ? {
          executionArn: execution.executionArn,
          stateMachineArn: execution.stateMachineArn,
          name: execution.name,
          status: execution.status,
          startDate: execution.startDate.toISOString(),
          ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
          input: parseJson(execution.input),
          ...(execution.output !== undefined ? { output: parseJson(execution.output) } : {}),
          ...(execution.error !== undefined ? { error: execution.error } : {}),
          ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
        }
      : null,
    states: statesReport(scenario.analysis?.visits ?? []),
    injectedFaults: scenario.injectedFaults,
    injectorWarnings: scenario.injectorWarnings ?? [],
    ...(execution?.failedAttempts !== undefined ? { failedAttempts: execution.failedAttempts } : {}),
    ...(execution?.childExecutions?.length ? { childExecutions: childExecutionsReport(execution.childExecutions, statesReport) } : {}),
    ...(execution?.mapRuns?.length ? { mapRuns: execution.mapRuns } : {}),
    ...(execution?.asyncInvocations?.length ? { asyncInvocations: asyncInvocationsReport(execution.asyncInvocations) } : {}),
    history: scenario.history ?? [],
  };
}

function statesReport(visits: StateVisit[]): Record<string, StateReport[]> {
  const states: Record<string, StateReport[]> = {};
  for (const visit of visits) {
    (states[visit.name] ??= []).push({
      visit: visit.visit,
      attempts: visit.attempts.length,
      backoffIntervals: visit.backoffIntervals,
      errors: visit.attempts.flatMap((attempt) => (attempt.error !== undefined ? [attempt.error] : [])),
      outcome: visit.outcome,
      catchDestination: visit.catchDestination ?? null,
      attemptDetails: visit.attempts,
      ...(visit.enclosingState === undefined ? {} : { enclosingState: visit.enclosingState }),
    });
  }
  return states;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Writes the JSON report to `path`, creating its folder. */
export async function writeJsonReport(result: RunResult, path: string, options: JsonReportOptions = {}): Promise<void> {
  await writeReportFile(path, `${JSON.stringify(buildJsonReport(result, options), null, 2)}\n`);
}

/** `--reporter json`: every observation and the full histories, in the shape of `schemas/json-report.schema.json`. */
export const jsonReporter: Reporter = {
  name: 'json',
  extension: '.json',
  write: (result, path, context) => writeJsonReport(result, path, context),
};
