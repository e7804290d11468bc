import type { StateVisit } from '../assertions/types.js';
import { analyzeHistory } from '../assertions/index.js';
import { errorEqualsMatches } from '../engine/index.js';
import { failingStatesOf } from '../plan/failingStates.js';
import { asyncInvocationField } from '../plan/lints/asyncLambdaInvoke.js';
import type { FailingState } from '../plan/types.js';
import { formatPath } from '../sources/loadErrors.js';
import type { RunResult } from '../run/runScenarios.js';
import type { ScenarioFile } from '../scenarios/types.js';
import type { RuleCoverage, RunCoverage, StateCoverage, StateMachineCoverage } from '../run/coverageTypes.js';

/**
 * Which Retry and Catch rules of each state machine a run exercised, read from the histories with
 * the engine's own matching: every failed attempt followed by another attempt of the same visit was
 * retried by the first retrier matching its error; a caught visit was caught by the first catcher
 * matching the error that left it. A nested workflow's histories (`states:startExecution`) count for its
 * own state machine, under the scenario that started it; a Distributed Map's child executions count for the
 * state machine of the Map (their states are its ItemProcessor's). Rules that never fired are the ones no scenario reached.
 *
 * @example
 * ```ts
 * const result = await runScenarios(file, { target });
 * const coverage = computeCoverage(file, result);
 * coverage.stateMachines[0]?.exercised; // 2 (of coverage.stateMachines[0].total)
 * ```
 */
export function computeCoverage(file: ScenarioFile, result: RunResult): RunCoverage {
  const stateMachines: StateMachineCoverage[] = [];
  for (const [key, spec] of Object.entries(file.stateMachines)) {
    const runs = executionsOf(result, key, spec.stateMachineName);
    if (runs.length === 0) continue;
    const failing = failingStatesOf(spec.definition);
    const states = failing.filter((state) => state.retriers.length + state.catchers.length > 0).map(emptyCoverage);
    for (const run of runs) {
      for (const visit of run.visits) {
        const index = failing.findIndex((state) => state.name === visit.name);
        const state = failing[index];
        const coverage = states.find((candidate) => candidate.name === visit.name);
        if (state === undefined || coverage === undefined) continue;
        recordVisit(state, coverage, visit, run.name);
      }
    }
    // An async invoke's rules only see errors of the Invoke call itself, never the function's: not counted.
    const rules = states.flatMap((state) => state.rules).filter((rule) => rule.unreachableByFunctionFaults !== true);
    stateMachines.push({
      stateMachine: key,
      scenarios: new Set(runs.map((run) => run.name)).size,
      exercised: rules.filter((rule) => rule.fired > 0).length,
      total: rules.length,
      states,
    });
  }
  return { stateMachines };
}

interface AnalysedExecution {
  /** The scenario it ran in. */
  name: string;
  visits: readonly StateVisit[];
}

/**
 * The executions of one state machine in a run: the scenarios' own, and the nested workflows
 * (`states:startExecution`, at any depth) started as this state machine, found by its name in their ARN.
 */
function executionsOf(result: RunResult, key: string, stateMachineName: string): AnalysedExecution[] {
  const found: AnalysedExecution[] = [];
  for (const scenario of result.scenarios) {
    if (scenario.stateMachine === key && scenario.analysis !== undefined) {
      found.push({ name: scenario.name, visits: scenario.analysis.visits });
      // A Distributed Map's ItemProcessor states run in its Map Run's child executions.
      for (const child of scenario.execution?.mapRunExecutions ?? [])
        found.push({ name: scenario.name, visits: analyzeHistory(child.events).visits });
    }
    const pending = [...(scenario.execution?.childExecutions ?? [])];
    for (let child = pending.shift(); child !== undefined; child = pending.shift()) {
      pending.push(...(child.childExecutions ?? []));
      if (child.stateMachineArn.split(':stateMachine:')[1]?.split(':')[0] !== stateMachineName) continue;
      found.push({ name: scenario.name, visits: analyzeHistory(child.events).visits });
    }
  }
  return found;
}

function emptyCoverage(state: FailingState): StateCoverage {
  const isAsync = asyncInvocationField(state) !== undefined;
  const rule = (kind: 'Retry' | 'Catch', index: number, errorEquals: string[], next?: string): RuleCoverage => ({
    kind,
    index,
    errorEquals: [...errorEquals],
    ...(next === undefined ? {} : { next }),
    field: formatPath([...state.path, kind, index]),
    fired: 0,
    scenarios: [],
    ...(isAsync ? { unreachableByFunctionFaults: true as const } : {}),
  });
  return {
    name: state.name,
    type: state.type,
    rules: [
      ...state.retriers.map((retrier, index) => rule('Retry', index, retrier.ErrorEquals)),
      ...state.catchers.map((catcher, index) => rule('Catch', index, catcher.ErrorEquals, catcher.Next)),
    ],
  };
}

function recordVisit(state: FailingState, coverage: StateCoverage, visit: StateVisit, scenario: string): void {
  visit.attempts.forEach((attempt, position) => {
    const retried = position < visit.attempts.length - 1 && (attempt.result === 'failed' || attempt.result === 'timedOut');
    // A Map or Parallel run failed by a nested Fail state may not record its error; such a retry cannot be attributed.
    if (!retried || attempt.error === undefined) return;
    const index = state.retriers.findIndex((retrier) => errorEqualsMatches(retrier.ErrorEquals, attempt.error as string));
    if (index >= 0) fire(coverage, 'Retry', index, scenario);
  });
  if (visit.outcome !== 'caught') return;
  const error = visit.error ?? visit.attempts.at(-1)?.error;
  if (error === undefined) return;
  const index = state.catchers.findIndex((catcher) => errorEqualsMatches(catcher.ErrorEquals, error));
  if (index >= 0) fire(coverage, 'Catch', index, scenario);
}

function fire(coverage: StateCoverage, kind: 'Retry' | 'Catch', index: number, scenario: string): void {
  const rule = coverage.rules.find((candidate) => candidate.kind === kind && candidate.index === index);
  if (rule === undefined) return;
  rule.fired += 1;
  if (!rule.scenarios.includes(scenario)) rule.scenarios.push(scenario);
}
