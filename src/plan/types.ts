import type { Catcher, Retrier } from '../engine/asl/definitionTypes.js';
import type { DocumentPath } from '../sources/loadErrors.js';
import type { LintCode } from './constants.js';

/** The three state types that run work and so can fail, retry and catch. */
export type FailingStateType = 'Task' | 'Parallel' | 'Map';

/** A retrier as written in a definition, with ASL's field names; defaults are applied where it is used. */
export type PlanRetrier = Retrier;

/** A catcher as written in a definition (only its matching and destination matter to a plan). */
export type PlanCatcher = Pick<Catcher, 'ErrorEquals' | 'Next'>;

/** A Task, Parallel or Map state of a definition, nested ones included, with its rules. */
export interface FailingState {
  name: string;
  type: FailingStateType;
  /** Path from the definition's root, e.g. `['States', 'Fan out', 'Branches', 0, 'States', 'Left']`. */
  path: DocumentPath;
  /** The Parallel or Map state this one runs inside, if any. */
  enclosingState?: string;
  retriers: PlanRetrier[];
  catchers: PlanCatcher[];
  /** The state as written (for lints that read other fields). */
  state: Readonly<Record<string, unknown>>;
}

/**
 * The wait before one retry: exact seconds, or with `JitterStrategy: FULL` the bounds a random wait
 * falls in (`min` is always 0). Same shape as a scenario's `backoff:` entries.
 */
export type PlannedWait = number | { min: number; max: number };

/** What Step Functions does with one error name in one state when every attempt fails with it. */
export interface ErrorPlan {
  /** The error name as matched against `ErrorEquals` (`States.ALL` stands for an error no rule names). */
  errorName: string;
  /** How the row reads in a table, e.g. `States.ALL (any other error)`. */
  label: string;
  /** Index in `Retry` of the first retrier that matches, or null when none does. */
  retrierIndex: number | null;
  /** Invocations in one state visit: 1 + the retries the matching retrier grants. */
  attempts: number;
  /** Wait before each retry, in order; cut at `maxListedWaits` entries (see `waitsTruncated`). */
  backoff: PlannedWait[];
  /** True when the retrier grants more retries than `backoff` lists. */
  waitsTruncated: boolean;
  /** Sum of the longest possible waits (jitter at its upper bound): time spent backing off, not running. */
  worstCaseRetryWaitSeconds: number;
  /** Index in `Catch` of the catcher that takes the error once retries are used up, or null. */
  catcherIndex: number | null;
  /** The state that catcher goes to; null when nothing catches the error. */
  catchDestination: string | null;
  /** Where an uncaught error goes: the execution, or the enclosing Parallel branch / Map iteration / Distributed Map child execution. */
  uncaughtEffect:
    | 'fails the execution'
    | 'fails its Parallel branch'
    | 'fails its Map iteration'
    | 'fails its child execution (a failed item of the Map Run)';
  /** Caveats about this row, e.g. for error names whose behaviour on AWS is unconfirmed. */
  notes: string[];
}

/** The plan for one state: one row per error name its rules make a difference for. */
export interface StatePlan {
  name: string;
  type: FailingStateType;
  /** `States["Fan out"].Branches[0].States.Left`: where the state is in the definition. */
  field: string;
  enclosingState?: string;
  errors: ErrorPlan[];
}

/** One warning about a definition's Retry, Catch or timeout fields. */
export interface PlanLint {
  code: LintCode;
  /** The state the warning is about. */
  state: string;
  /** Path of the field from the definition's root. */
  path: DocumentPath;
  /** The same path as text, e.g. `States["Download Exoplanets"].Retry[1]`. */
  field: string;
  message: string;
}

/** What `chaos plan` reports for one state machine. */
export interface RetryPlan {
  states: StatePlan[];
  lints: PlanLint[];
}
