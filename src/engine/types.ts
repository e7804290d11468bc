import type { ExecutionStatus, HistoryEvent } from '@aws-sdk/client-sfn';

export type { ExecutionStatus, HistoryEvent };

/**
 * The Lambda context the engine hands to a local function, shaped like the Node.js runtime's, plus
 * `sfnChaos`: facts only the engine knows (virtual time, the retry count of the invoking state).
 */
export interface LocalLambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds of virtual time left before the function's own timeout. */
  getRemainingTimeInMillis(): number;
  sfnChaos: LocalInvocationFacts;
}

export interface LocalInvocationFacts {
  executionArn: string;
  stateName: string;
  /** `$$.State.RetryCount` of this attempt (0 on the first). */
  retryCount: number;
  /** Sleeps on the execution's virtual clock. */
  sleep(ms: number): Promise<void>;
  /** The virtual clock, in ms since the epoch. */
  now(): number;
}

/** A function the local engine can invoke in place of a deployed Lambda function. */
export interface LocalFunction {
  /** Function name, e.g. `random-error`. */
  name: string;
  /** Unqualified function ARN, as Step Functions would resolve it. */
  arn: string;
  /** The function's own configured timeout (Lambda's default is 3 s). */
  timeoutSeconds: number;
  /** Runtime family, which decides how a thrown error is serialised into the `cause`. Default `nodejs`. */
  runtime?: 'nodejs' | 'python';
  /** Runs the handler. Resolves with its result; rejects with what it threw. */
  invoke(payload: unknown, context: LocalLambdaContext): Promise<unknown>;
}

/**
 * Finds the local function for a Task's function reference: a legacy `Resource` ARN, or the
 * `FunctionName` of `arn:aws:states:::lambda:invoke` (name, partial ARN or full ARN, maybe qualified).
 */
export type LocalFunctionResolver = (functionRef: string) => LocalFunction | undefined;

export interface RunExecutionOptions {
  /** The parsed (and substituted) ASL definition. */
  definition: unknown;
  /** Execution input; default `{}`. */
  input?: unknown;
  functions: LocalFunctionResolver;
  /** Default `arn:aws:states:us-east-1:123456789012:stateMachine:<stateMachineName>`. */
  stateMachineArn?: string;
  /** Default: a random UUID. */
  executionName?: string;
  roleArn?: string;
  /** Where the virtual clock starts; default: the real current time. */
  startTime?: Date;
  /** Random source in [0, 1) for `JitterStrategy: FULL`; pass a seeded one for repeatable runs. */
  random?: () => number;
  /**
   * Real milliseconds a handler may keep running without finishing or sleeping on the virtual clock
   * before the run fails with a TargetError instead of hanging. Default 30 000.
   */
  handlerRealTimeLimitMs?: number;
}

export interface ExecutionResult {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate: Date;
  /** JSON strings, as DescribeExecution returns them. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The execution history, as GetExecutionHistory returns it (ascending ids). */
  events: HistoryEvent[];
}

/** A definition problem found before running: unsupported or invalid, naming the state and field. */
export interface DefinitionIssue {
  /** e.g. `States["Check availability"].Retry[0].JitterStrategy`. */
  path: string;
  stateName?: string;
  message: string;
}
