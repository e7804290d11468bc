import type { TestStateInput } from '@aws-sdk/client-sfn';
import type { AttemptObservation, ExecutionAnalysis, StateVisit } from '../assertions/index.js';
import { normaliseEvents, stateKindOf } from '../assertions/historyEvents.js';
import type { Catcher, Retrier } from '../engine/asl/definitionTypes.js';
import { decideErrorHandling, noRetrierUses, type RetrierUses } from '../engine/asl/errorHandlingDecision.js';
import type { RunResult, ScenarioResult } from '../run/results.js';
import type { ScenarioFile } from '../scenarios/types.js';
import { findStateDefinition, readsOfState, whyNotReplayable } from './stateDefinitions.js';
import { contextAt } from './visitContext.js';
import { nestedResultOf, variablesAt } from './visitScope.js';
import type { ExpectedOutcome, PlannedCheck } from './types.js';

type JsonObject = Record<string, unknown>;

/** The checks of a local run and the scenarios that left no history to replay. */
export interface VerifyPlan {
  checks: PlannedCheck[];
  scenarioErrors: { scenario: string; error: string }[];
}

/**
 * Plans one TestState call per attempt of every Task, Map and Parallel visit the local run recorded:
 * - a failed attempt replays its error (`mock.errorOutput`) with `stateConfiguration.retrierRetryCount` set to
 *   the uses the matching retrier had so far in the visit (and, for Map/Parallel, `errorCausedByState` and
 *   `mapIterationFailureCount` read from the nested visits); the expected outcome is the engine's own
 *   Retry/Catch decision (`decideErrorHandling`), with the output and next state the history shows.
 * - an attempt that succeeded replays its result (`mock.result`: for a Task the raw output of its
 *   `TaskSucceeded`/`LambdaFunctionSucceeded` event, for a Map or Parallel state the array of its iterations'
 *   or branches' outputs) through the state's data flow; expected: the output and next state the history
 *   shows (or the error its data flow raised).
 * - a state that reads workflow variables or the Context object gets TestState's `variables` (those in its
 *   scope when it was entered) and `context` (rebuilt from the execution), both read from the history.
 *
 * @example
 * ```ts
 * const run = await runScenarios(file, { target: createLocalTarget() });
 * const { checks } = planVerifyChecks(file, run);
 * checks[0]; // { scenario: 'retries then succeeds', stateName: 'Charge', visit: 1, attempt: 1, path: 'error', request: {…}, expected: { status: 'RETRIABLE', retryIndex: 0, … } }
 * ```
 */
export function planVerifyChecks(file: ScenarioFile, run: RunResult): VerifyPlan {
  const plan: VerifyPlan = { checks: [], scenarioErrors: [] };
  for (const result of run.scenarios) {
    const machine = file.stateMachines[result.stateMachine];
    if (!result.analysis || !result.history || !machine) {
      plan.scenarioErrors.push({ scenario: result.name, error: result.error ?? 'the local run recorded no history' });
      continue;
    }
    for (const visit of result.analysis.visits) {
      const kind = stateKindOf(visit.enteredEventType);
      if (kind !== 'task' && kind !== 'map' && kind !== 'parallel') continue;
      plan.checks.push(...checksOfVisit(result, result.analysis, machine.definition, visit, kind));
    }
  }
  return plan;
}

function checksOfVisit(
  result: ScenarioResult,
  analysis: ExecutionAnalysis,
  definition: JsonObject,
  visit: StateVisit,
  kind: 'task' | 'map' | 'parallel',
): PlannedCheck[] {
  const base = { scenario: result.name, stateName: visit.name, visit: visit.visit };
  const state = findStateDefinition(definition, visit.name);
  const attempts = visit.attempts.filter((attempt) => attempt.result !== 'running');
  if (!state) {
    return attempts.map((attempt) => ({
      ...base,
      attempt: attempt.attempt,
      path: attempt.result === 'succeeded' ? 'result' : 'error',
      notVerifiable: "the state is not in the scenario's own definition (a nested workflow's state)",
    }));
  }
  const rules = { retriers: (state['Retry'] ?? []) as Retrier[], catchers: (state['Catch'] ?? []) as Catcher[] };
  const notReplayable = whyNotReplayable(state);
  const reads = readsOfState(state);
  const variables = reads.variables ? variablesAt(analysis, definition, visit) : undefined;
  const events = new Map(normaliseEvents(result.history).map((event) => [event.id, event]));
  const checks: PlannedCheck[] = [];
  let uses: RetrierUses = noRetrierUses;
  for (const attempt of attempts) {
    const isLast = attempt === visit.attempts.at(-1);
    const context = reads.context
      ? contextAt(result, visit, attempt.attempt, String(state['Resource']).endsWith('.waitForTaskToken'))
      : undefined;
    const request: TestStateInput = {
      definition: JSON.stringify(state),
      input: JSON.stringify(visit.input ?? {}),
      inspectionLevel: 'DEBUG',
      ...(variables !== undefined ? { variables: JSON.stringify(variables) } : {}),
      ...(context !== undefined ? { context: JSON.stringify(context) } : {}),
    };
    if (attempt.result === 'succeeded') {
      const check: PlannedCheck = { ...base, attempt: attempt.attempt, path: 'result' };
      const raw = kind === 'task' ? taskResultText(events, attempt) : nestedResultText(analysis, definition, visit, attempt, kind, state);
      const expected = isLast ? expectedAfterResult(state, visit, rules, uses) : undefined;
      if (notReplayable) check.notVerifiable = notReplayable;
      else if (typeof raw !== 'string')
        check.notVerifiable =
          kind === 'task'
            ? "the history does not record the task's result"
            : `the history does not hold every ${kind === 'map' ? 'iteration' : 'branch'} result of the ${kind === 'map' ? 'Map' : 'Parallel'} state`;
      else if (!expected) check.notVerifiable = 'the visit has no outcome in the history';
      else Object.assign(check, { request: { ...request, mock: { result: raw } }, expected });
      checks.push(check);
      continue;
    }
    const check: PlannedCheck = { ...base, attempt: attempt.attempt, path: 'error' };
    if (attempt.error !== undefined) check.errorName = attempt.error;
    if (notReplayable || attempt.error === undefined) {
      check.notVerifiable = notReplayable ?? 'the history does not record the error of this attempt';
      checks.push(check);
      continue;
    }
    const decision = decideErrorHandling(rules, attempt.error, uses);
    const configuration = {
      ...(decision.retrierIndex !== null ? { retrierRetryCount: uses[decision.retrierIndex] ?? 0 } : {}),
      ...(kind === 'task' ? {} : nestedFailure(analysis, visit, attempt, kind)),
    };
    let expected: ExpectedOutcome;
    if (decision.action === 'retry') {
      expected = { status: 'RETRIABLE', retryIndex: decision.retrierIndex };
      if (decision.wait.jitter === 'FULL') expected.backoffNotCompared = 'JitterStrategy FULL';
      else expected.retryBackoffIntervalSeconds = decision.wait.cappedSeconds;
      uses = decision.uses;
    } else if (decision.action === 'catch') {
      expected = { status: 'CAUGHT_ERROR', catchIndex: decision.catcherIndex, nextState: String(decision.catcher.Next) };
      if (isLast && visit.outcome === 'caught' && 'output' in visit) expected.output = visit.output;
    } else {
      expected = { status: 'FAILED', error: attempt.error, ...(attempt.cause !== undefined ? { cause: attempt.cause } : {}) };
    }
    check.request = {
      ...request,
      mock: { errorOutput: { error: attempt.error, ...(attempt.cause !== undefined ? { cause: attempt.cause } : {}) } },
      ...(Object.keys(configuration).length > 0 ? { stateConfiguration: configuration } : {}),
    };
    check.expected = expected;
    checks.push(check);
  }
  return checks;
}

/** The raw result of a Task attempt: the output of its `TaskSucceeded`/`LambdaFunctionSucceeded` event. */
function taskResultText(events: Map<number, { details: JsonObject }>, attempt: AttemptObservation): string | undefined {
  const raw = attempt.endedEventId === undefined ? undefined : events.get(attempt.endedEventId)?.details['output'];
  return typeof raw === 'string' ? raw : undefined;
}

/**
 * The result of a Map or Parallel attempt before its ResultSelector, as JSON text: the array of its iterations'
 * or branches' outputs. A Distributed Map's iterations ran as child executions, outside this history.
 */
function nestedResultText(
  analysis: ExecutionAnalysis,
  definition: JsonObject,
  visit: StateVisit,
  attempt: AttemptObservation,
  kind: 'map' | 'parallel',
  state: JsonObject,
): string | undefined {
  const processor = state['ItemProcessor'];
  const mode = typeof processor === 'object' && processor !== null ? (processor as JsonObject)['ProcessorConfig'] : undefined;
  if (typeof mode === 'object' && mode !== null && (mode as JsonObject)['Mode'] === 'DISTRIBUTED') return undefined;
  const results = nestedResultOf(analysis, definition, visit, attempt.attempt, kind);
  return results === undefined ? undefined : JSON.stringify(results);
}

/** What the state did after its last attempt succeeded: went on, or failed in its data flow (caught or not). */
function expectedAfterResult(
  state: JsonObject,
  visit: StateVisit,
  rules: { retriers: Retrier[]; catchers: Catcher[] },
  uses: RetrierUses,
): ExpectedOutcome | undefined {
  const output = 'output' in visit ? { output: visit.output } : {};
  if (visit.outcome === 'succeeded') {
    return { status: 'SUCCEEDED', ...(typeof state['Next'] === 'string' ? { nextState: state['Next'] } : {}), ...output };
  }
  if (visit.outcome === 'caught' && visit.error !== undefined) {
    const decision = decideErrorHandling(rules, visit.error, uses);
    return {
      status: 'CAUGHT_ERROR',
      ...(decision.action === 'catch' ? { catchIndex: decision.catcherIndex } : {}),
      ...(visit.catchDestination !== undefined ? { nextState: visit.catchDestination } : {}),
      ...output,
    };
  }
  if (visit.outcome === 'failed' && !visit.aborted) {
    return {
      status: 'FAILED',
      ...(visit.error !== undefined ? { error: visit.error } : {}),
      ...(visit.cause !== undefined ? { cause: visit.cause } : {}),
    };
  }
  return undefined;
}

/**
 * `errorCausedByState` (the first nested state that failed in this run of the Map/Parallel state) and, for
 * Map, `mapIterationFailureCount` (how many iterations failed), read from the nested visits.
 */
function nestedFailure(
  analysis: ExecutionAnalysis,
  visit: StateVisit,
  attempt: AttemptObservation,
  kind: 'map' | 'parallel',
): { errorCausedByState?: string; mapIterationFailureCount?: number } {
  const failed = analysis.visits.filter(
    (nested) =>
      nested.enclosingState?.name === visit.name &&
      nested.enclosingState.visit === visit.visit &&
      nested.enclosingState.attempt === attempt.attempt &&
      nested.outcome === 'failed' &&
      nested.aborted !== true,
  );
  const [first] = failed;
  const iterations = new Set(failed.map((nested) => nested.enclosingState?.iterationIndex));
  return {
    ...(first ? { errorCausedByState: first.name } : {}),
    ...(kind === 'map' && failed.length > 0 ? { mapIterationFailureCount: iterations.size } : {}),
  };
}
