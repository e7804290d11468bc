import { withFields } from '../withFields.js';
import { type AnalyzeHistoryOptions, analyzeHistory, checkExpectations } from '../assertions/index.js';
import type { ExecutionAnalysis, ExpectationFailure } from '../assertions/types.js';
import { SfnChaosError } from '../errors.js';
import type { Scenario } from '../scenarios/types.js';
import type { ScenarioExecution, ScenarioRunRequest, Target } from '../targets/types.js';

/** An execution's history read once, and the scenario's expectations checked against it. */
export interface ExecutionJudgement {
  analysis: ExecutionAnalysis;
  failures: ExpectationFailure[];
}

/**
 * Judges one execution of a scenario: its history analysed (as `analyzeOptions` say: see {@link analyzeHistory})
 * and the scenario's `expect` checked, exact backoff expectations with `defaultTolerance` seconds of slack.
 * The one judgement `chaos run` and `chaos explore` share.
 *
 * @example
 * const { analysis, failures } = judgeExecution(execution, scenario, target.defaultBackoffTolerance);
 * failures.length === 0; // every expectation held
 */
export function judgeExecution(
  execution: Pick<ScenarioExecution, 'events' | 'mapRuns'>,
  scenario: Pick<Scenario, 'expect'>,
  defaultTolerance: number,
  analyzeOptions: AnalyzeHistoryOptions = {},
): ExecutionJudgement {
  const analysis = analyzeHistory(execution.events, analyzeOptions);
  const failures = checkExpectations(analysis, scenario.expect, {
    defaultTolerance,
    ...(execution.mapRuns === undefined ? {} : { mapRuns: execution.mapRuns }),
  });
  return { analysis, failures };
}

/** What running one scenario on a target came to, before anyone words it as a result. */
export type ScenarioRunOutcome =
  /** The scenario names a state machine the file does not have: nothing was started. */
  | { kind: 'notRun'; error: string }
  /** The target threw (worded by {@link describeTargetError}). */
  | { kind: 'targetFailed'; error: string }
  /** The execution ran and was judged; `execution.cleanupError` set means faults may still be armed. */
  | { kind: 'ran'; execution: ScenarioExecution; judgement: ExecutionJudgement };

/**
 * Runs one scenario on the target and judges its execution ({@link judgeExecution}): the one way `chaos run`
 * and `chaos explore` run a scenario, each keeping what it reports of the outcome.
 *
 * @example
 * const outcome = await runAndJudge(target, { file, scenario, runId, index: 0 }, target.defaultBackoffTolerance);
 * if (outcome.kind === 'ran') console.log(outcome.judgement.failures.length === 0 ? 'passed' : 'failed');
 */
export async function runAndJudge(
  target: Pick<Target, 'runScenario'>,
  request: Omit<ScenarioRunRequest, 'stateMachine'>,
  defaultTolerance: number,
  analyzeOptions: AnalyzeHistoryOptions = {},
): Promise<ScenarioRunOutcome> {
  const { file, scenario } = request;
  const stateMachine = file.stateMachines[scenario.stateMachine];
  if (!stateMachine) return { kind: 'notRun', error: `unknown state machine "${scenario.stateMachine}"` };
  let execution: ScenarioExecution;
  try {
    execution = await target.runScenario(withFields(request, { stateMachine }));
  } catch (error) {
    return { kind: 'targetFailed', error: describeTargetError(error) };
  }
  return { kind: 'ran', execution, judgement: judgeExecution(execution, scenario, defaultTolerance, analyzeOptions) };
}

/**
 * How a target's failure reads in a result: an sfn-chaos error by its message alone (it is worded for
 * users), any other error with its name.
 *
 * @example
 * describeTargetError(new TypeError('x is undefined')); // 'TypeError: x is undefined'
 */
export function describeTargetError(error: unknown): string {
  if (error instanceof SfnChaosError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
