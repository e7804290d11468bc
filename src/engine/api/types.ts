import type { LocalActivityWorkerResolver } from './activityWorkers.js';
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
  /**
   * Answers a `.waitForTaskToken` task of this execution, like the SendTaskSuccess API: the task
   * succeeds with `output` as its result. Rejects like the API does: `InvalidToken` for a token this
   * execution never issued, `TaskTimedOut` once the task is no longer waiting, `InvalidOutput` for a
   * value JSON cannot hold.
   *
   * @example
   * // a local recovery handler that answers its own callback task
   * await context.sfnChaos.sendTaskSuccess(event.Context.Task.Token, event.Input);
   */
  sendTaskSuccess(taskToken: string, output: unknown): Promise<void>;
  /**
   * Fails a `.waitForTaskToken` task, like the SendTaskFailure API; Retry and Catch see `error`.
   *
   * @example
   * await context.sfnChaos.sendTaskFailure(token, { error: 'Support.Rejected', cause: 'out of stock for good' });
   */
  sendTaskFailure(taskToken: string, failure?: { error?: string; cause?: string }): Promise<void>;
  /**
   * Tells a waiting `.waitForTaskToken` task that work is still going on, like SendTaskHeartbeat:
   * its HeartbeatSeconds start again.
   *
   * @example
   * await context.sfnChaos.sendTaskHeartbeat(token);
   */
  sendTaskHeartbeat(taskToken: string): Promise<void>;
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
  /**
   * Called when the function's own timeout ended the invocation behind `context` (`Sandbox.Timedout`):
   * Lambda stops the handler and resets its execution environment, so the next invocation is a cold
   * start. Without it, the handler runs on, unseen, until it settles.
   */
  stop?(context: LocalLambdaContext): void;
  /**
   * How Lambda retries this function's asynchronous (`InvocationType: Event`) invocations, as
   * PutFunctionEventInvokeConfig sets it. Unset fields take Lambda's defaults (2 retries, 6 hours).
   */
  eventInvokeConfig?: EventInvokeConfig;
  /**
   * Which warm execution environments this function's invocations run in, as their log streams show
   * (`context.logStreamName`): an invocation takes a warm environment no other invocation holds, or a new one.
   * Functions given the same key share them, from one `runExecution` to the next. Without a key, a function's
   * environments are those of its ARN for one run (its nested executions included). The local target gives each function of
   * the scenario file a key, so its environments stay warm from one scenario to the next.
   */
  environmentKey?: object;
}

/** A function's event invoke config (`AWS::Lambda::EventInvokeConfig`, SAM's `EventInvokeConfig`). */
export interface EventInvokeConfig {
  /** Retries after a function error, 0-2; default 2. */
  maximumRetryAttempts?: number;
  /** Seconds an event may stay queued (retries included), 60-21600; default 21600. */
  maximumEventAgeInSeconds?: number;
}

/** One attempt Lambda made at an asynchronously invoked event. */
export interface AsyncInvocationAttempt {
  /** 1-based. */
  attempt: number;
  startDate: Date;
  endDate: Date;
  outcome: 'succeeded' | 'failed';
  /** The error (`errorType`) and cause of a failed attempt, as Step Functions would have named them. */
  error?: string;
  cause?: string;
}

/**
 * An `InvocationType: Event` invocation a Task handed to Lambda: it runs outside the state machine, so
 * its errors go to Lambda's asynchronous retries, never to the state's Retry or Catch, and it writes
 * no history event. `outcome`: `succeeded`; `retriesExhausted` (MaximumRetryAttempts used up: the
 * event goes to the on-failure destination or dead-letter queue, if any); `eventExpired`
 * (MaximumEventAgeInSeconds passed before the next attempt).
 */
export interface AsyncInvocation {
  stateName: string;
  functionName: string;
  functionArn: string;
  requestId: string;
  queuedDate: Date;
  attempts: AsyncInvocationAttempt[];
  outcome: 'succeeded' | 'retriesExhausted' | 'eventExpired';
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
  /**
   * The execution input as JSON text, instead of `input`: written as submitted (spacing kept) in
   * `ExecutionStarted` and the first state's input, as StartExecution does.
   */
  inputText?: string;
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
  /**
   * Local stand-ins for service integrations the engine cannot call (`aws-sdk:s3:listObjects`,
   * `sqs:sendMessage`, …). Without one, a Task calling such a service fails the run with a TargetError.
   */
  services?: LocalServiceResolver;
  /** Faults injected into service Tasks' calls (see {@link LocalServiceFaultResolver}). */
  serviceFaults?: LocalServiceFaultResolver;
  /** Scripted answers and heartbeats for `.waitForTaskToken` tasks (what the outside world would send). */
  callbacks?: ScriptedCallbackResolver;
  /** Scripted workers for activity Tasks (Resource `arn:aws:states:…:activity:NAME`). */
  activities?: LocalActivityWorkerResolver;
  /**
   * State machines a `states:startExecution` Task may start, found by the `StateMachineArn` parameter
   * (an ARN or a name). Their executions run on the same virtual clock.
   */
  stateMachines?: LocalStateMachineResolver;
  /**
   * Stand-ins for S3 objects a Distributed Map's ItemReader reads, keyed by `s3://bucket/key`, each the
   * object's text (CSV, JSON, JSONL). `s3:listObjectsV2` lists the keys under its Prefix.
   */
  s3Objects?: Readonly<Record<string, string>>;
}

/** A state machine a parent execution can start as a nested workflow. */
export interface LocalStateMachine {
  stateMachineArn: string;
  definition: unknown;
  functions: LocalFunctionResolver;
  services?: LocalServiceResolver;
  /** Faults injected into the service Tasks' calls and activity workers of its executions. */
  serviceFaults?: LocalServiceFaultResolver;
  callbacks?: ScriptedCallbackResolver;
  activities?: LocalActivityWorkerResolver;
}

/** Finds the state machine a `StateMachineArn` parameter names (ARN, alias/version ARN or name). */
export type LocalStateMachineResolver = (ref: string) => LocalStateMachine | undefined;

/**
 * What a local stand-in for a service integration does: answer with a response, fail with an error
 * (as the service would report it, e.g. `S3.NoSuchBucketException`), or run a local handler that
 * receives the Task's parameters and returns the response (a thrown error's `name` and `message`
 * become the error and cause).
 */
export type LocalServiceStandIn =
  | { kind: 'response'; response: unknown }
  | { kind: 'error'; error: string; cause?: string }
  | { kind: 'handler'; invoke(parameters: unknown, context: LocalLambdaContext): Promise<unknown> }
  | LocalJobStandIn;

/**
 * A job a `.sync` Task starts (`ecs:runTask`, `batch:submitJob`, `glue:startJobRun`, …): the start
 * call's `response` (TaskSubmitted), how many virtual seconds the job runs, and how it ends.
 */
export interface LocalJobStandIn {
  kind: 'job';
  seconds: number;
  response?: unknown;
  ending: { kind: 'succeeded'; output: unknown } | { kind: 'failed'; error?: string; cause?: string };
}

/** Which service call a Task makes, as a stand-in is looked up for it. */
export interface ServiceCallRef {
  stateName: string;
  /** `aws-sdk:s3:listObjects`, `sqs:sendMessage`, `dynamodb:putItem`: the resource without `arn:aws:states:::` and without the `.waitForTaskToken`/`.sync` suffix. */
  serviceAction: string;
}

export type LocalServiceResolver = (call: ServiceCallRef) => LocalServiceStandIn | undefined;

/** A service call as faults are looked up for it: the call, and which integration family makes it. */
export interface ServiceFaultCallRef extends ServiceCallRef {
  /**
   * `dynamodb`, `aws-sdk:dynamodb`, `sqs`, `http`, `states`: the Task events' `resourceType`; `activity` for an
   * activity Task, whose worker's answer the faults break (`serviceAction` is then the activity ARN).
   */
  resourceType: string;
  /** True for `arn:aws:states:::aws-sdk:…`. */
  isSdkIntegration: boolean;
}

/** What an injected fault does to one service call: nothing (it only delayed it), or fail it. */
export type LocalServiceFaultEffect =
  | { kind: 'none' }
  /** Fail with this error (a bare exception name gets the service's prefix) and message. */
  | { kind: 'error'; error: string; message?: string }
  /** Fail with the service's throttling error. */
  | { kind: 'throttle'; message?: string };

/**
 * The faults for one service Task: `inject` runs before each call, on the virtual clock, with the
 * Task's parameters and a Lambda-like context (`context.sfnChaos.sleep` waits virtual time, and a wait
 * past the state's TimeoutSeconds ends the attempt with `States.Timeout`), and says what the call suffers.
 */
export interface LocalServiceFaultInjector {
  inject(parameters: unknown, context: LocalLambdaContext): Promise<LocalServiceFaultEffect>;
}

export type LocalServiceFaultResolver = (call: ServiceFaultCallRef) => LocalServiceFaultInjector | undefined;

/** One `.waitForTaskToken` attempt, as scripted answers are chosen for it. */
export interface CallbackAttemptRef {
  stateName: string;
  /** 1-based: how many times the execution has entered this state, this visit included. */
  visit: number;
  /** 1-based attempt within the visit (`$$.State.RetryCount` + 1). */
  attempt: number;
}

/** What the outside world sends to one waiting task: heartbeats, then (maybe) an answer. */
export interface ScriptedCallback {
  /** Seconds after the task was submitted that the answer comes; default 0. */
  afterSeconds?: number;
  answer?: { kind: 'success'; output: unknown } | { kind: 'failure'; error?: string; cause?: string };
  /** A heartbeat every this many seconds from submission until the task is answered or times out. */
  heartbeatEverySeconds?: number;
}

export type ScriptedCallbackResolver = (attempt: CallbackAttemptRef) => ScriptedCallback | undefined;

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
  /** `InvocationType: Event` invocations the execution queued, run to their end on the virtual clock after it. */
  asyncInvocations: AsyncInvocation[];
  /** Executions this one started with `states:startExecution` (any pattern), in start order, each with its own history. */
  childExecutions?: ExecutionResult[];
  /** The Map Runs of Distributed Map states, in start order: counts, each child execution, the S3 objects ResultWriter wrote. */
  mapRuns?: MapRunResult[];
}

/** Counts of a Map Run's child executions by how they ended (DescribeMapRun's `executionCounts`, without pending and running). */
export interface MapRunExecutionCounts {
  total: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
}

/** One Map Run of a Distributed Map state. */
export interface MapRunResult {
  mapRunArn: string;
  stateName: string;
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  executionType: 'STANDARD' | 'EXPRESS';
  /** Items read (before batching). */
  itemCount: number;
  childExecutions: MapRunExecutionCounts;
  /** Every child execution with its own history, in item (batch) order. */
  executions: ExecutionResult[];
  /** What ResultWriter wrote (manifest.json, SUCCEEDED_n.json, FAILED_n.json), as S3 would hold it. */
  writtenObjects: Array<{ bucket: string; key: string; body: string }>;
}

/** A definition problem found before running: unsupported or invalid, naming the state and field. */
export interface DefinitionIssue {
  /** e.g. `States["Check availability"].Retry[0].JitterStrategy`. */
  path: string;
  stateName?: string;
  message: string;
}
