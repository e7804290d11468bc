/** Error names Step Functions defines itself; user errors must not use the `States.` prefix for anything else. */
export const StatesErrorName = {
  All: 'States.ALL',
  Timeout: 'States.Timeout',
  TaskFailed: 'States.TaskFailed',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Permissions: 'States.Permissions',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  QueryEvaluationError: 'States.QueryEvaluationError',
  HttpSocket: 'States.Http.Socket',
} as const;
export type StatesErrorName = (typeof StatesErrorName)[keyof typeof StatesErrorName];

export const reservedErrorNames: ReadonlySet<string> = new Set(Object.values(StatesErrorName));

/** Error names the Lambda integrations produce without the function's involvement. */
export const LambdaErrorName = {
  /** The function's error payload carried no `errorType`. */
  Unknown: 'Lambda.Unknown',
  ResourceNotFound: 'Lambda.ResourceNotFoundException',
  /** Lambda throttled the invocation (HTTP 429). */
  TooManyRequests: 'Lambda.TooManyRequestsException',
  /** The error type newer runtimes report when the function's own timeout expires. */
  SandboxTimedOut: 'Sandbox.Timedout',
} as const;

/**
 * Errors of the Step Functions API as a `states:startExecution` Task sees them: `StepFunctions.` and the API's
 * error code, as the developer guide's `StepFunctions.ExecutionLimitExceeded` retrier names it. UNCONFIRMED for
 * StateMachineDoesNotExist (no AWS page or recording names it; a third-party emulator writes it with an
 * `Exception` suffix).
 */
export const StepFunctionsErrorName = {
  StateMachineDoesNotExist: 'StepFunctions.StateMachineDoesNotExist',
} as const;

/** `errorType`s the Lambda runtimes themselves report for a handler they could not run to a result. */
export const LambdaRuntimeErrorType = {
  /** Node.js: the handler's result could not be serialised to JSON. */
  JsonStringifyError: 'Runtime.JSONStringifyError',
  /** Python: the handler's result could not be serialised to JSON. */
  MarshalError: 'Runtime.MarshalError',
} as const;
