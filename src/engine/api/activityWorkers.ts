/**
 * Scripted activity workers: what the worker polling an activity (`GetActivityTask`) does with the
 * task it gets, for Task states whose Resource is an activity ARN.
 */

/** One attempt of an activity Task, as a scripted worker is chosen for it. */
export interface ActivityAttemptRef {
  stateName: string;
  /** The Task's Resource: `arn:aws:states:us-east-1:123456789012:activity:review`. */
  activityArn: string;
  /** The activity's name, the ARN's last part: `review`. */
  activityName: string;
  /** 1-based: how many times the execution has entered this state, this visit included. */
  visit: number;
  /** 1-based attempt within the visit (`$$.State.RetryCount` + 1). */
  attempt: number;
}

/**
 * What the worker does. It polls `pollsAfterSeconds` after ActivityScheduled (never, with
 * `neverPolls`), then heartbeats every `heartbeatEverySeconds` (until `heartbeatStopsAfterSeconds`
 * after it started, if given) and answers `afterSeconds` after it started, or never, without `answer`.
 * `scheduleFailure` stands for an activity Step Functions cannot schedule (ActivityScheduleFailed);
 * `doesNotExist` for a deleted activity, which fails the execution with `States.Runtime`.
 */
export interface LocalActivityWorker {
  pollsAfterSeconds?: number;
  neverPolls?: boolean;
  /** `GetActivityTask`'s `workerName`, shown on ActivityStarted. */
  workerName?: string;
  afterSeconds?: number;
  answer?: { kind: 'success'; output: unknown } | { kind: 'failure'; error?: string; cause?: string };
  heartbeatEverySeconds?: number;
  heartbeatStopsAfterSeconds?: number;
  scheduleFailure?: { error: string; cause?: string };
  doesNotExist?: boolean;
}

export type LocalActivityWorkerResolver = (attempt: ActivityAttemptRef) => LocalActivityWorker | undefined;
