import { withFields } from '../withFields.js';
import type { ExecutionAnalysis } from '../assertions/types.js';
import { computeCoverage } from '../coverage/computeCoverage.js';
import { mergeCoverage } from '../coverage/mergeCoverage.js';
import type { RunCoverage } from '../run/coverageTypes.js';
import { resolvePlanExpectations } from '../plan/resolvePlanExpectations.js';
import { runAndJudge } from '../run/judgeExecution.js';
import { runScenarios, type ScenarioResult } from '../run/runScenarios.js';
import type { Scenario, ScenarioFile } from '../scenarios/types.js';
import { createLocalTarget } from '../targets/local/localTarget.js';
import type { ScenarioExecution, Target } from '../targets/types.js';
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
 * Once `isStopped` says so (another thread's share failed), no further chunk starts.
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
  onProgress: (done: number, latest: readonly ItemResult[]) => void,
  handlers: 'isolated' | 'in-process' = 'isolated',
  isStopped: () => boolean = () => false,
): Promise<{ results: ItemResult[]; coverage: RunCoverage }> {
  const target = createLocalTarget({ handlers, failedAttempts: false });
  const results: ItemResult[] = [];
  let coverage: RunCoverage = { stateMachines: [] };
  for (let start = 0; start < items.length && !isStopped(); start += CHUNK) {
    const chunk = items.slice(start, start + CHUNK);
    const from = results.length;
    const scenarios = chunk.map((item) => scenarioOf(file, item));
    const concurrency = handlers === 'isolated' ? ISOLATED_CONCURRENCY : 1;
    if (chunk.every((item) => item.kind === 'monteCarlo')) {
      const judged = await judgeRuns({ ...file, scenarios }, target, concurrency);
      if (judged !== undefined) {
        judged.forEach((result, index) => {
          results.push({ item: chunk[index] as WorkItem, ...result });
        });
        onProgress(results.length, results.slice(from));
        continue;
      }
    }
    const run = await runScenarios({ ...file, scenarios }, { target, runId: 'explore', concurrency });
    // Coverage is the fault space's: Monte Carlo runs repeat scenarios of the file and are left out of it.
    const cases = run.scenarios.filter((_, index) => chunk[index]?.kind === 'case');
    if (cases.length > 0) coverage = mergeCoverage([coverage, computeCoverage(file, { ...run, scenarios: cases })]);
    run.scenarios.forEach((result, index) => {
      const item = chunk[index] as WorkItem;
      results.push({ item, outcome: outcomeOf(result), expectationsHeld: result.verdict === 'passed' });
    });
    onProgress(results.length, results.slice(from));
  }
  return { results, coverage };
}

/** The scenario a work item runs: a case as loaded; a Monte Carlo run with its own name and seed. */
function scenarioOf(file: ScenarioFile, item: WorkItem): Scenario {
  const scenario = file.scenarios[item.scenario];
  if (scenario === undefined) throw new Error(`explore: no scenario at index ${item.scenario}`);
  if (item.kind === 'case') return scenario;
  return withFields(scenario, { name: `${scenario.name} #${item.run}`, seed: monteCarloSeed(scenario, item.run) });
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

/**
 * Runs a chunk of Monte Carlo runs (`file.scenarios`) on the target and judges each as `runScenarios`
 * would (the same history analysis and expectation check), keeping only what explore reads of it: the
 * outcome and whether the expectations held. No `ScenarioResult` is built, and the target is prepared
 * once for the chunk. `undefined` when preparing the target fails: `runScenarios` then reports it.
 */
async function judgeRuns(file: ScenarioFile, target: Target, concurrency: number): Promise<Omit<ItemResult, 'item'>[] | undefined> {
  resolvePlanExpectations(file);
  const runId = 'explore';
  try {
    await target.prepare?.({ file, scenarios: file.scenarios, runId });
  } catch {
    return undefined;
  }
  const judged = new Array<Omit<ItemResult, 'item'>>(file.scenarios.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < file.scenarios.length) {
      const index = next++;
      judged[index] = await judgeRun(file, file.scenarios[index] as Scenario, index, runId, target);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, file.scenarios.length) }, lane));
  return judged;
}

/** One run, judged as `runScenarios` judges it: `error` when the target throws or its cleanup failed. */
async function judgeRun(
  file: ScenarioFile,
  scenario: Scenario,
  index: number,
  runId: string,
  target: Target,
): Promise<Omit<ItemResult, 'item'>> {
  // An outcome reads no state's input or output: the history is analysed without them.
  const outcome = await runAndJudge(target, { file, scenario, runId, index }, target.defaultBackoffTolerance, { statePayloads: false });
  if (outcome.kind !== 'ran') return { outcome: errorOutcome(outcome.error), expectationsHeld: false };
  const { execution, judgement } = outcome;
  if (execution.cleanupError !== undefined) return { outcome: errorOutcome(execution.cleanupError), expectationsHeld: false };
  return { outcome: executionOutcomeOf(execution, judgement.analysis), expectationsHeld: judgement.failures.length === 0 };
}

function errorOutcome(error: string): ExploreOutcome {
  return { status: 'ERROR', error, caught: [], virtualSeconds: 0, attempts: {} };
}

/** A scenario result read as an explore outcome (attempts: each Task's first visit outside Map and Parallel). */
export function outcomeOf(result: ScenarioResult): ExploreOutcome {
  const execution = result.execution;
  if (result.verdict === 'error' || result.verdict === 'skipped' || execution === undefined) {
    return errorOutcome(result.error ?? 'not run');
  }
  return executionOutcomeOf(execution, result.analysis);
}

/** An execution's explore outcome from its analysed history. */
function executionOutcomeOf(
  execution: Pick<ScenarioExecution, 'status' | 'error' | 'startDate' | 'stopDate'>,
  analysis: ExecutionAnalysis | undefined,
): ExploreOutcome {
  const visits = analysis?.visits ?? [];
  const caught: string[] = [];
  const attempts: Record<string, number> = {};
  for (const visit of visits) {
    if (visit.outcome === 'caught') caught.push(`${visit.name} → ${visit.catchDestination ?? '?'}`);
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
