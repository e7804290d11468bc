import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StateVisit } from '../assertions/types.js';
import type { RunResult, ScenarioResult } from '../scenarios/runScenarios.js';
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
}

/** Builds the JSON report: per scenario and per state the observations, plus the execution and its full history. */
export function buildJsonReport(result: RunResult): Record<string, unknown> {
  return {
    file: result.file,
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

export async function writeJsonReport(result: RunResult, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(buildJsonReport(result), null, 2)}\n`);
}
