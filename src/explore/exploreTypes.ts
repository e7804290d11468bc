import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import type { RunCoverage } from '../run/coverageTypes.js';
import type { RawFault, RawScenario } from '../scenarios/rawScenarioFile.js';

/**
 * The types of `chaos explore`: the cases of a state machine's fault space (written as ordinary
 * scenarios, so `chaos run` and the AWS target can run them too), the outcome row of each, and the report.
 */

/** How many attempts of each state visit a fault breaks: the first `n`, or every one. */
export type AttemptPattern = { first: number } | 'all';

/** One fault of a case, as a scenario file writes it, with where it came from. */
export interface ExploreFault {
  /** The Task(s) it breaks, for the matrix: `Download Exoplanets`. */
  tasks: string[];
  /** The error the attempts it breaks fail with, as Step Functions reports it (`HTTPError`, `Lambda.TooManyRequestsException`). */
  errorName: string;
  /** `HTTPError on attempts 1-2`. */
  label: string;
  pattern: AttemptPattern;
  /** The fault as an entry of a scenario's `faults:` (the scenario file's vocabulary). */
  raw: RawFault;
}

/** One combination of the fault space, as a scenario to run: no fault, one fault, or a pair. */
export interface ExploreCase {
  /** Unique, stable across runs and machines; also the scenario's name (and so its seed). */
  name: string;
  stateMachine: string;
  kind: 'baseline' | 'single' | 'pair';
  faults: ExploreFault[];
  /** The scenario it runs as; its `expect: { status: SUCCEEDED }` (the workflow recovers) is not what the matrix reads: that is what happened. */
  scenario: RawScenario;
  /** The longest the rules make the faulted Tasks back off, in seconds: what shards are balanced by. */
  expectedSeconds: number;
}

/** What one case's execution ended with. */
export interface ExploreOutcome {
  status: ExecutionStatus | 'RUNNING' | 'ERROR';
  /** The execution's error (FAILED, TIMED_OUT), or why the case could not run (ERROR). */
  error?: string;
  /** Each catcher that fired, as `Task → destination`, in history order. */
  caught: string[];
  /** Virtual seconds from ExecutionStarted to the execution's end: the time the workflow took to recover (or give up). */
  virtualSeconds: number;
  /** Attempts per faulted Task (first visit). */
  attempts: Record<string, number>;
}

/** One row of the matrix: a case and its outcome. */
export interface ExploreRow extends ExploreOutcome {
  /** The case's position in the whole fault space (shards keep it, so merged rows go back in order). */
  index: number;
  name: string;
  stateMachine: string;
  kind: ExploreCase['kind'];
  faults: { tasks: string[]; errorName: string; label: string }[];
}

/** One outcome's share of a Monte Carlo series, with its Wilson 95 % interval. */
export interface OutcomeShare {
  /** `SUCCEEDED via Download Exoplanets → ErrorState`, `FAILED: HTTPError`. */
  outcome: string;
  count: number;
  share: number;
  low: number;
  high: number;
}

/** N seeded runs of one scenario of the file whose faults fire at random (`rate:`). */
export interface MonteCarloSeries {
  scenario: string;
  stateMachine: string;
  runs: number;
  /** The seeds were `<scenario seed>#1` … `#N`. */
  seedBase: string;
  outcomes: OutcomeShare[];
  meanVirtualSeconds: number;
  worstVirtualSeconds: number;
  /** How many runs met the scenario's own `expect`. */
  expectationsHeld: OutcomeShare;
}

/** A Retry or Catch rule no case reached. */
export interface UnexercisedRule {
  stateMachine: string;
  state: string;
  kind: 'Retry' | 'Catch';
  field: string;
  errorEquals: string[];
}

/** What `chaos explore` reports. */
export interface ExploreReport {
  /** Absolute path of the scenario file explored. */
  file: string;
  depth: 1 | 2;
  /** `{ index: 2, count: 4 }` when this report is one shard's part. */
  shard?: { index: number; count: number };
  startedAt: Date;
  finishedAt: Date;
  /** Worker threads the cases ran on. */
  workers: number;
  /** Executions run (cases + Monte Carlo runs). */
  executions: number;
  rows: ExploreRow[];
  monteCarlo: MonteCarloSeries[];
  coverage: RunCoverage;
  /** Tasks the fault space leaves out, and why (no local function or service stand-in to break). */
  notes: string[];
}
