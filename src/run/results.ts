import type { ExecutionAnalysis, ExpectationFailure } from '../assertions/types.js';
import type { RunCoverage } from './coverageTypes.js';
import type { Scenario } from '../scenarios/types.js';
import type { ScenarioExecution } from '../targets/types.js';

/*
 * What a run of scenarios produces, kept apart from the runner so that code which only reads results (the
 * CommonJS build of the jest matchers, reporters) does not bring the runner with it.
 */

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
  /**
   * What the verdict was judged against, for readers that show expected beside actual (the HTML timeline):
   * the scenario's `expect`, and the tolerance in seconds of exact backoff expectations that set none.
   * Set on scenarios whose history was checked.
   */
  judgedWith?: { expect: Scenario['expect']; defaultTolerance: number };
}

export interface RunResult {
  file: string;
  target: string;
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  scenarios: ScenarioResult[];
  /** Which Retry and Catch rules the run exercised (`chaos run --coverage`; see `computeCoverage`). */
  coverage?: RunCoverage;
}
