import { analyzeHistory, checkExpectations } from '../assertions/index.js';
import type { ExecutionAnalysis, ExpectationFailure } from '../assertions/types.js';
import { SfnChaosError } from '../errors.js';
import type { Scenario } from '../scenarios/types.js';
import type { ScenarioExecution } from '../targets/types.js';

/** An execution's history read once, and the scenario's expectations checked against it. */
export interface ExecutionJudgement {
  analysis: ExecutionAnalysis;
  failures: ExpectationFailure[];
}

/**
 * Judges one execution of a scenario: its history analysed and the scenario's `expect` checked, exact
 * backoff expectations with `defaultTolerance` seconds of slack. The one judgement `chaos run` and
 * `chaos explore` share.
 *
 * @example
 * const { analysis, failures } = judgeExecution(execution, scenario, target.defaultBackoffTolerance);
 * failures.length === 0; // every expectation held
 */
export function judgeExecution(
  execution: Pick<ScenarioExecution, 'events' | 'mapRuns'>,
  scenario: Pick<Scenario, 'expect'>,
  defaultTolerance: number,
): ExecutionJudgement {
  const analysis = analyzeHistory(execution.events);
  const failures = checkExpectations(analysis, scenario.expect, {
    defaultTolerance,
    ...(execution.mapRuns === undefined ? {} : { mapRuns: execution.mapRuns }),
  });
  return { analysis, failures };
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
