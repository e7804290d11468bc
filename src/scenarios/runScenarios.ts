import { randomBytes } from 'node:crypto';
import { analyzeHistory, checkExpectations } from '../assertions/index.js';
import type { ExecutionAnalysis, ExpectationFailure } from '../assertions/types.js';
import { ExitCode, SfnChaosError } from '../errors.js';
import type { ScenarioExecution, Target } from '../targets/types.js';
import type { Scenario, ScenarioFile } from './types.js';

export type ScenarioVerdict = 'passed' | 'failed' | 'error' | 'skipped';

export interface ScenarioResult {
  name: string;
  stateMachine: string;
  verdict: ScenarioVerdict;
  /** Expectations that did not hold (verdict `failed`). */
  failures: ExpectationFailure[];
  /** Why the target could not run the scenario (verdict `error`), or why it was skipped. */
  error?: string;
  execution?: Omit<ScenarioExecution, 'events' | 'injectedFaults' | 'injectorWarnings'>;
  analysis?: ExecutionAnalysis;
  history?: ScenarioExecution['events'];
  injectedFaults: ScenarioExecution['injectedFaults'];
  injectorWarnings?: ScenarioExecution['injectorWarnings'];
  /** Wall-clock milliseconds the scenario took. */
  wallTimeMs: number;
}

export interface RunResult {
  file: string;
  target: string;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  scenarios: ScenarioResult[];
}

export interface RunScenariosOptions {
  target: Target;
  /** Only scenarios for which this returns true run; the others are left out of the result. */
  filter?: (scenario: Scenario) => boolean;
  /** Aborting stops before the next scenario; the rest are reported as skipped. */
  signal?: AbortSignal;
  runId?: string;
  /** Default tolerance in seconds for exact backoff expectations. */
  defaultTolerance?: number;
  onScenarioStart?: (scenario: Scenario, index: number, total: number) => void;
  onScenarioEnd?: (result: ScenarioResult, index: number, total: number) => void;
}

/**
 * Runs every scenario of a loaded file on one target and judges it. A scenario the target cannot
 * run is reported as an `error` result and the run goes on, so every result is always written.
 */
export async function runScenarios(file: ScenarioFile, options: RunScenariosOptions): Promise<RunResult> {
  const runId = options.runId ?? newRunId();
  const startedAt = new Date();
  const selected = file.scenarios.filter((scenario) => options.filter?.(scenario) ?? true);
  const results: ScenarioResult[] = [];

  for (const [index, scenario] of selected.entries()) {
    if (options.signal?.aborted) {
      results.push(skipped(scenario, 'the run was interrupted before this scenario started'));
      continue;
    }
    options.onScenarioStart?.(scenario, index, selected.length);
    const result = await runOne(file, scenario, file.scenarios.indexOf(scenario), runId, options);
    results.push(result);
    options.onScenarioEnd?.(result, index, selected.length);
  }

  return { file: file.file, target: options.target.name, runId, startedAt, finishedAt: new Date(), scenarios: results };
}

async function runOne(file: ScenarioFile, scenario: Scenario, index: number, runId: string, options: RunScenariosOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const stateMachine = file.stateMachines[scenario.stateMachine];
  const base = { name: scenario.name, stateMachine: scenario.stateMachine };
  if (!stateMachine) {
    return { ...base, verdict: 'error', failures: [], error: `unknown state machine "${scenario.stateMachine}"`, injectedFaults: [], wallTimeMs: 0 };
  }
  let execution: ScenarioExecution;
  try {
    execution = await options.target.runScenario({
      file,
      scenario,
      stateMachine,
      runId,
      index,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    return {
      ...base,
      verdict: 'error',
      failures: [],
      error: describeTargetError(error),
      injectedFaults: [],
      wallTimeMs: performance.now() - started,
    };
  }
  const { events, injectedFaults, injectorWarnings, ...summary } = execution;
  const analysis = analyzeHistory(events);
  const failures = checkExpectations(analysis, scenario.expect, {
    defaultTolerance: options.defaultTolerance ?? options.target.defaultBackoffTolerance,
  });
  return {
    ...base,
    verdict: failures.length === 0 ? 'passed' : 'failed',
    failures,
    execution: summary,
    analysis,
    history: events,
    injectedFaults,
    injectorWarnings,
    wallTimeMs: performance.now() - started,
  };
}

function skipped(scenario: Scenario, reason: string): ScenarioResult {
  return { name: scenario.name, stateMachine: scenario.stateMachine, verdict: 'skipped', failures: [], error: reason, injectedFaults: [], wallTimeMs: 0 };
}

function describeTargetError(error: unknown): string {
  if (error instanceof SfnChaosError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The exit code a run ends with: a target failure outranks a failed expectation. */
export function exitCodeFor(result: RunResult): number {
  if (result.scenarios.some((scenario) => scenario.verdict === 'error' || scenario.verdict === 'skipped')) return ExitCode.TargetFailed;
  if (result.scenarios.some((scenario) => scenario.verdict === 'failed')) return ExitCode.ExpectationFailed;
  return ExitCode.Passed;
}

function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
