import type { ExecutionStatus } from '@aws-sdk/client-sfn';

/** One attempt of a Task (or Map/Parallel run) inside a state visit. */
export interface AttemptObservation {
  /** 1-based. */
  attempt: number;
  /**
   * id of the `…Scheduled` (or `MapStateStarted`/`ParallelStateStarted`) event. When the history lacks it
   * (Express logs), the id of the first event seen for the attempt.
   */
  scheduledEventId: number;
  /** Type of the event behind `scheduledEventId`, e.g. `TaskScheduled` (added for messages in AWS vocabulary). */
  scheduledEventType?: string;
  scheduledAt: Date;
  /** `succeeded`, `failed` or `timedOut`; `running` if the history ends first. */
  result: 'succeeded' | 'failed' | 'timedOut' | 'running';
  endedAt?: Date;
  /**
   * The event that ended the attempt (`TaskFailed`, `MapStateFailed`, …). Absent when the end is only
   * implied, e.g. a Map/Parallel run that was retried without a `MapStateFailed`/`ParallelStateFailed`
   * (then `endedAt` is the time of the attempt's last event).
   */
  endedEventId?: number;
  endedEventType?: string;
  /** Absent when the history does not record it (a Map/Parallel run failed by a nested Fail state). */
  error?: string;
  cause?: string;
}

/** The Map or Parallel visit (and its attempt) a nested state ran in. */
export interface EnclosingState {
  name: string;
  visit: number;
  /** 1-based attempt (run) of the enclosing Map/Parallel state; 0 when the history lacks the run's start event. */
  attempt: number;
  /** Map iteration index (`MapIterationStarted.index`); absent for Parallel branches. */
  iterationIndex?: number;
}

/** What happened in one visit of one state, read from the history. */
export interface StateVisit {
  name: string;
  /** 1-based visit number of this state. */
  visit: number;
  /** The `…StateEntered` event type, e.g. `TaskStateEntered`. */
  enteredEventType: string;
  enteredEventId: number;
  enteredAt: Date;
  attempts: AttemptObservation[];
  /**
   * Seconds between each failed attempt's end and the next attempt's start: `backoffIntervals[i]` is the wait
   * before attempt `i + 2`. `NaN` where the history lacks the failure event or a timestamp.
   */
  backoffIntervals: number[];
  outcome: 'succeeded' | 'caught' | 'failed' | 'running';
  /** The next state entered after a catcher fired. */
  catchDestination?: string;
  /**
   * The error that fired the catcher or left the state (for `caught`/`failed`), when known. Also set when no
   * attempt failed, e.g. `States.Runtime` raised while processing a successful task's output.
   */
  error?: string;
  cause?: string;
  /**
   * The visit did not fail by itself: it was stopped (`…StateAborted`, `ExecutionAborted`, or a sibling
   * branch/iteration failed while it was running). `outcome` is then `failed`.
   */
  aborted?: boolean;
  /** Set for states inside a Map iteration or Parallel branch. */
  enclosingState?: EnclosingState;
  exitedAt?: Date;
  /** Id of the visit's `…StateExited` event. */
  exitedEventId?: number;
  input?: unknown;
  output?: unknown;
  /** The workflow variables the state assigned on exit (`assignedVariables`, each value parsed). */
  assignedVariables?: Record<string, unknown>;
}

export interface ExecutionAnalysis {
  status: ExecutionStatus | 'RUNNING';
  error?: string;
  cause?: string;
  output?: unknown;
  /** Visits in the order they began. */
  visits: StateVisit[];
  /**
   * Ids below the highest event id that the history lacks (at most the first 1,000), e.g. events an
   * Express execution's CloudWatch Logs never delivered. Absent when none is missing. What those events
   * said is unknown, so state expectations cannot be checked against such a history.
   */
  missingEventIds?: number[];
}

/**
 * A Map Run of a Distributed Map state as the target reports it (DescribeMapRun's status, item and
 * child execution counts), tied to its `MapRunStarted` event in the parent's history.
 */
export interface MapRunObservation {
  mapRunArn: string;
  /** The Distributed Map state that started it. */
  stateName: string;
  /** id of the parent history's `MapRunStarted` event with this `mapRunArn`. */
  startedEventId: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  /** Items read (before ItemBatcher groups them). */
  itemCount: number;
  /** Child executions by how they ended (DescribeMapRun's `executionCounts`, without pending and running). */
  executionCounts: { total: number; succeeded: number; failed: number; timedOut: number; aborted: number };
}

/** One expectation that did not hold. */
export interface ExpectationFailure {
  /** Path in the expectation, e.g. `states["Download Exoplanets"].backoff[1]`. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
  /**
   * Set when the expectation could not be checked at all (the history lacks events it depends on):
   * not a verdict either way, so a negated jest matcher must not pass on it.
   */
  notCheckable?: true;
}
