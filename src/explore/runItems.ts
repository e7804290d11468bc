import { computeCoverage } from '../coverage/computeCoverage.js';
import { mergeCoverage } from '../coverage/mergeCoverage.js';
import type { RunCoverage } from '../run/coverageTypes.js';
import { runScenarios, type ScenarioResult } from '../run/runScenarios.js';
import type { Scenario, ScenarioFile } from '../scenarios/types.js';
import { createLocalTarget } from '../targets/local/localTarget.js';
import type { ExploreOutcome } from './exploreTypes.js';

/**
 * One execution of an exploration: a case of the fault space (the explore file's scenario at `scenario`),
 * or run `run` (1-based) of a Monte Carlo series of the file's scenario at `scenario`, with its own seed.
 */
export type WorkItem = { kind: 'case'; scenario: number } | { kind: 'monteCarlo'; scenario: number; run: number };

/** What one work item ended with: the outcome, and whether the scenario's own `expect` held (Monte Carlo). */
export interface ItemResult {
  item: WorkItem;
  outcome: ExploreOutcome;
  expectationsHeld: boolean;
}

/** Executions run per `runScenarios` call: enough to amortise it, few enough for a lively progress bar. */
const CHUNK = 200;

/**
 * Executions in flight at once in one thread with isolated handlers: while one waits for its handler's
 * execution environment (another thread), the others go on, and their messages to it go in one batch.
 * In-process handlers never wait on another thread, so there executions run one after the other.
 */
const ISOLATED_CONCURRENCY = 50;

/**
 * Runs work items on the local target, a chunk at a time, and keeps of each only its outcome (the
 * histories are dropped once read), plus the Retry/Catch coverage of all of them. The same code runs
 * in the main thread and in each worker thread, so a split run gives the same rows as one thread.
 *
 * @example
 * ```ts
 * const { results, coverage } = await runItems(exploreFile, [{ kind: 'case', scenario: 0 }], () => {});
 * results[0]?.outcome.status; // 'SUCCEEDED'
 * ```
 */
export async function runItems(
  file: ScenarioFile,
  items: readonly WorkItem[],
  onProgress: (done: number) => void,
  handlers: 'isolated' | 'in-process' = 'isolated',
): Promise<{ results: ItemResult[]; coverage: RunCoverage }> {
  const target = createLocalTarget({ handlers, failedAttempts: false });
  const results: ItemResult[] = [];
  let coverage: RunCoverage = { stateMachines: [] };
  for (let start = 0; start < items.length; start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const scenarios = chunk.map((item) => scenarioOf(file, item));
    const run = await runScenarios(
      { ...file, scenarios },
      { target, runId: 'explore', concurrency: handlers === 'isolated' ? ISOLATED_CONCURRENCY : 1 },
    );
    // Coverage is the fault space's: Monte Carlo runs repeat scenarios of the file and are left out of it.
    const cases = run.scenarios.filter((_, index) => chunk[index]?.kind === 'case');
    if (cases.length > 0) coverage = mergeCoverage([coverage, computeCoverage(file, { ...run, scenarios: cases })]);
    run.scenarios.forEach((result, index) => {
      const item = chunk[index] as WorkItem;
      results.push({ item, outcome: outcomeOf(result), expectationsHeld: result.verdict === 'passed' });
    });
    onProgress(results.length);
  }
  return { results, coverage };
}

/** The scenario a work item runs: a case as loaded; a Monte Carlo run with its own name and seed. */
function scenarioOf(file: ScenarioFile, item: WorkItem): Scenario {
  const scenario = file.scenarios[item.scenario];
  if (scenario === undefined) throw new Error(`explore: no scenario at index ${item.scenario}`);
  if (item.kind === 'case') return scenario;
  return { ...scenario, name: `${scenario.name} #${item.run}`, seed: monteCarloSeed(scenario, item.run) };
}

/**
 * The seed of run `run` of a Monte Carlo series: the scenario's own seed (or name), `#`, the run number.
 *
 * @example
 * ```ts
 * monteCarloSeed({ name: 'flaky', seed: 7 } as Scenario, 3); // '7#3'
 * ```
 */
export function monteCarloSeed(scenario: Pick<Scenario, 'name' | 'seed'>, run: number): string {
  return `${String(scenario.seed ?? scenario.name)}#${run}`;
}

/** A scenario result read as an explore outcome (attempts: each Task's first visit outside Map and Parallel). */
export function outcomeOf(result: ScenarioResult): ExploreOutcome {
  const execution = result.execution;
  if (result.verdict === 'error' || result.verdict === 'skipped' || execution === undefined) {
    return { status: 'ERROR', error: result.error ?? 'not run', caught: [], virtualSeconds: 0, attempts: {} };
  }
  const visits = result.analysis?.visits ?? [];
  const caught = visits.filter((visit) => visit.outcome === 'caught').map((visit) => `${visit.name} → ${visit.catchDestination ?? '?'}`);
  const attempts: Record<string, number> = {};
  for (const visit of visits) {
    if (visit.visit === 1 && visit.enclosingState === undefined && visit.attempts.length > 0) attempts[visit.name] = visit.attempts.length;
  }
  const stop = execution.stopDate ?? execution.startDate;
  return {
    status: execution.status ?? 'RUNNING',
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    caught,
    virtualSeconds: (stop.getTime() - execution.startDate.getTime()) / 1000,
    attempts,
  };
}
