/** Step Functions quotas the engine enforces, with the numbers AWS documents. */
export const StepFunctionsLimit = {
  /** Input or output of a task, state or execution: 256 KiB of UTF-8 JSON. */
  payloadBytes: 262_144,
  /** Events in one Standard execution's history; event 25,000 must be ExecutionSucceeded. */
  historyEvents: 25_000,
  /**
   * Largest value of the whole-number fields in seconds or counts: Wait `Seconds` ("from 0 up to
   * 99999999"), `TimeoutSeconds`, `HeartbeatSeconds`, `IntervalSeconds`, `MaxAttempts`, Map's
   * `MaxConcurrency` and `ToleratedFailureCount`.
   */
  maxIntegerField: 99_999_999,
  /** Largest `MaxDelaySeconds` the ASL schema accepts. */
  maxDelaySeconds: 31_622_400,
  /**
   * A Standard execution's maximum duration: "1 year", after which it times out with `States.Timeout`.
   * Taken as 365 days; whether AWS counts 365 days, 366 or a calendar year is UNCONFIRMED.
   */
  standardExecutionMaxMs: 365 * 24 * 60 * 60 * 1000,
} as const;

export const RetrierDefault = {
  intervalSeconds: 1,
  maxAttempts: 3,
  backoffRate: 2,
} as const;

/** How long a handler may run (in real time) without finishing or sleeping on the virtual clock. */
export const defaultHandlerRealTimeLimitMs = 30_000;
