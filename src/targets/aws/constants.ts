/**
 * Fixed names and limits of the AWS target, kept together so the code and docs/aws-target.md agree.
 */

/**
 * Environment variable a deployed function sets to say it is wrapped with `withChaos` (or the middy
 * middleware). The AWS target refuses to arm a function without it: writing a fault config into a function
 * that never reads it would make every scenario on it fail for the wrong reason.
 *
 * @example
 * ```yaml
 * # SAM template
 * Environment:
 *   Variables:
 *     SFN_CHAOS_INJECTOR: withChaos
 * ```
 */
export const INJECTOR_MARKER_VARIABLE = 'SFN_CHAOS_INJECTOR';

/** Seconds added to a scenario's time limit for the `expiresAt` of what is armed for it. */
export const EXPIRY_MARGIN_SECONDS = 300;

/** Default time limit of one scenario on AWS, in seconds (an Express execution cannot run longer than 300). */
export const DEFAULT_SCENARIO_TIMEOUT_SECONDS = 600;

/**
 * Calls per second the target allows itself per API, shared by all running scenarios.
 * Below the smallest refill rates in the Step Functions quotas (DescribeExecution 10/s, GetExecutionHistory 20/s,
 * DescribeStateMachine 20/s, StopExecution 25/s, outside the largest Regions), so a run never spends the
 * whole bucket other tools in the account share. Bursts are capped by {@link API_BURST}.
 * CloudWatch Logs' FilterLogEvents (fault ledgers, Express executions) is held to 4/s: its account quota is
 * commonly given as 5 transactions per second per Region, UNCONFIRMED (sfn-semantics.md lists no figure).
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat (answering `callbacks:`) are held to 10/s each: their
 * token buckets are not in sfn-semantics.md §7 and were not found in the stored quota pages, so their size is
 * UNCONFIRMED; 10/s is the refill rate §7 gives DescribeExecution outside the largest Regions, the smallest of the APIs
 * the target already calls.
 * TestState (`chaos verify`) is held to 1/s with a burst of 1: sfn-semantics.md §7 gives its quota as 1
 * transaction per second, a hard limit, in every Region ([AWS-QUOTAS]).
 */
export const API_CALLS_PER_SECOND = {
  DescribeExecution: 8,
  GetExecutionHistory: 15,
  /** Its quota is not in sfn-semantics.md §7 (UNCONFIRMED): held to DescribeExecution's rate. */
  DescribeMapRun: 8,
  DescribeStateMachine: 15,
  StartExecution: 50,
  StopExecution: 20,
  FilterLogEvents: 4,
  SendTaskSuccess: 10,
  SendTaskFailure: 10,
  SendTaskHeartbeat: 10,
  TestState: 1,
  /*
   * Lambda and SSM calls that resolve, arm and disarm functions, paced like the others:
   * - Lambda's GetFunctionConfiguration and UpdateFunctionConfiguration fall under "the remainder of the control
   *   plane API requests (excludes invocation, GetFunction, and GetPolicy requests)": 15 requests per second per
   *   account and Region, one quota for all of them together (Lambda quotas page, aws-target.md §Quotas). The two
   *   rates here add up to 10/s, and their bursts to 5, so a run never takes more than 15 in any second and leaves
   *   room for deploys and other tools.
   * - SSM GetParameter: Parameter Store's default throughput is 40 transactions per second, shared by
   *   GetParameter, GetParameters and GetParametersByPath (AWS Systems Manager endpoints and quotas, as quoted by
   *   a secondary source; the page itself was not read: UNCONFIRMED); held to 20/s.
   * - SSM PutParameter and DeleteParameter: AWS says PutParameter counts against Parameter Store throughput but
   *   gives no figure we could find, and none for DeleteParameter: UNCONFIRMED; held to 2/s each, a guess.
   */
  GetFunctionConfiguration: 6,
  UpdateFunctionConfiguration: 4,
  GetParameter: 20,
  PutParameter: 2,
  DeleteParameter: 2,
} as const;

/** Calls the target may make at once before the rate applies: a third of the smallest quota bucket. */
export const API_BURST = {
  DescribeExecution: 80,
  GetExecutionHistory: 130,
  DescribeMapRun: 20,
  DescribeStateMachine: 60,
  StartExecution: 260,
  StopExecution: 160,
  FilterLogEvents: 5,
  SendTaskSuccess: 20,
  SendTaskFailure: 20,
  SendTaskHeartbeat: 20,
  TestState: 1,
  // Lambda and SSM give a rate, not a bucket: small bursts, so the first second stays under the rate too.
  GetFunctionConfiguration: 3,
  UpdateFunctionConfiguration: 2,
  GetParameter: 10,
  PutParameter: 2,
  DeleteParameter: 2,
} as const;

/** The longest an Express execution runs, in seconds (sfn-semantics.md §4, hard limits). */
export const EXPRESS_MAX_DURATION_SECONDS = 300;

/**
 * Reading an Express execution's events from CloudWatch Logs: wait between reads, and the late-event grace.
 * After the terminal event has arrived, events with lower ids that are still missing are awaited for at
 * most `graceMs` more. CloudWatch Logs delivery for Step Functions is best-effort and AWS gives no latency
 * figure, so 2 s is a guess, UNCONFIRMED (sfn-semantics.md §6.3); `expressLogs.graceMs` changes it.
 */
export const EXPRESS_LOG_DEFAULTS = {
  pollMs: 1000,
  graceMs: 2000,
} as const;

/** GetExecutionHistory's largest page. */
export const HISTORY_PAGE_SIZE = 1000;

/**
 * Reading the fault ledger back from the armed functions' CloudWatch Logs. Delivery to CloudWatch Logs is
 * eventually consistent, so reads repeat every `pollMs` until there are as many ledger lines as failed
 * attempts that carry an injected error name, or `graceMs` has passed since the execution was read. The
 * time window is the execution's, widened by `windowMarginMs` on each side for clock skew between services.
 */
export const FAULT_LEDGER_DEFAULTS = {
  pollMs: 1000,
  graceMs: 10_000,
  windowMarginMs: 10_000,
} as const;

/** Why the aws target adds a warning of its own to a scenario (`injectorWarnings`, `source: "aws-target"`). */
export const TargetWarningCode = {
  /** The fault ledger of a function could not be read (AccessDenied, throttling after retries, …); the verdict stands. */
  FaultLedgerUnread: 'fault-ledger-unread',
  /** An `attempts` fault arms a function whose Task does not pass `$$.State.RetryCount`: it cannot fire on AWS. */
  AttemptsWithoutRetryCount: 'attempts-without-retry-count',
  /** A `callbacks:` answer was refused (the task no longer waited, AccessDenied, …) or its token was not in the TaskScheduled parameters. */
  CallbackNotDelivered: 'callback-not-delivered',
  /** The history could not be read while the execution ran, so task tokens scheduled meanwhile were not answered. */
  CallbackHistoryUnread: 'callback-history-unread',
  /** Someone changed a function's `SFN_CHAOS_CONFIG` while it was armed: the disarm left their value in place. */
  ArmedConfigChanged: 'armed-config-changed',
  /** DescribeMapRun failed (AccessDenied, …): the scenario's `mapRun:` expectations are not checkable. */
  MapRunsUnread: 'map-runs-unread',
} as const;
export type TargetWarningCode = (typeof TargetWarningCode)[keyof typeof TargetWarningCode];
