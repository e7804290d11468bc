/** Names of the checks `chaos plan` runs on a definition; each warning carries one. */
export const LintCode = {
  ShadowedRetrier: 'shadowed-retrier',
  ShadowedCatcher: 'shadowed-catcher',
  UnreachableErrorName: 'unreachable-error-name',
  StatesAllNotAlone: 'states-all-not-alone',
  StatesAllNotLast: 'states-all-not-last',
  MisspeltReservedName: 'misspelt-reserved-name',
  MissingLambdaServiceRetrier: 'missing-lambda-service-retrier',
  MissingTimeoutSeconds: 'missing-timeout-seconds',
  HeartbeatNotBelowTimeout: 'heartbeat-not-below-timeout',
  FunctionTimeoutNotAboveTaskTimeout: 'function-timeout-not-above-task-timeout',
  IneffectiveMaxAttemptsZero: 'ineffective-max-attempts-zero',
  AsyncLambdaInvoke: 'async-lambda-invoke',
} as const;
export type LintCode = (typeof LintCode)[keyof typeof LintCode];

/** Rows list at most this many waits; a retrier with `MaxAttempts: 99999999` would not fit anywhere. */
export const maxListedWaits = 50;
