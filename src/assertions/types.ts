import type { ExecutionStatus } from '@aws-sdk/client-sfn';

/** One attempt of a Task (or Map/Parallel run) inside a state visit. */
export interface AttemptObservation {
  /** 1-based. */
  attempt: number;
  /** id of the `…Scheduled` (or `MapStateStarted`/`ParallelStateStarted`) event. */
  scheduledEventId: number;
  scheduledAt: Date;
  /** `succeeded`, `failed` or `timedOut`; `running` if the history ends first. */
  result: 'succeeded' | 'failed' | 'timedOut' | 'running';
  endedAt?: Date;
  error?: string;
  cause?: string;
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
  /** Seconds between each failed attempt's end and the next attempt's start. */
  backoffIntervals: number[];
  outcome: 'succeeded' | 'caught' | 'failed' | 'running';
  /** The next state entered after a catcher fired. */
  catchDestination?: string;
  exitedAt?: Date;
  input?: unknown;
  output?: unknown;
}

export interface ExecutionAnalysis {
  status: ExecutionStatus | 'RUNNING';
  error?: string;
  cause?: string;
  output?: unknown;
  /** Visits in the order they began. */
  visits: StateVisit[];
}

/** One expectation that did not hold. */
export interface ExpectationFailure {
  /** Path in the expectation, e.g. `states["Download Exoplanets"].backoff[1]`. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
}
