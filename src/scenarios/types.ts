import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import type { FaultRule } from '../injectors/types.js';
import type { Located, StateMachineType } from '../sources/located.js';

export type { Located } from '../sources/located.js';

/** A local handler for one function name used by a state machine. */
export interface FunctionSpec {
  /** The name faults use to address this function (`downloadExoplanetsLambda`). */
  key: string;
  /** Names and ARNs under which the definition refers to it (after substitution). */
  refs: string[];
  /** Function name (last ARN segment). */
  functionName: string;
  arn: string;
  /** Absolute path of the handler module; absent only when the file was loaded for the AWS target without one. */
  handlerFile?: string;
  /** Export name inside the module (`handler`); absent together with {@link FunctionSpec.handlerFile}. */
  handlerExport?: string;
  /** The deployed function the AWS target arms (`deployed:`), a name or ARN; absent: derived from `arn`/`functionName`. */
  deployed?: string;
  /** The function's own timeout; default 3 s as in Lambda. */
  timeoutSeconds: number;
  runtime: 'nodejs' | 'python';
  /** How Lambda retries its `InvocationType: Event` invocations (scenario entry, else the template); absent: Lambda's defaults. */
  eventInvokeConfig?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  at: Located;
}

export interface StateMachineSpec {
  key: string;
  /** Parsed definition with substitutions applied. */
  definition: Record<string, unknown>;
  /** File the definition came from (definition file or template). */
  definitionFile: string;
  /** For templates: the state machine's logical id. */
  resource?: string;
  stateMachineName: string;
  type: StateMachineType;
  functions: FunctionSpec[];
  /** Stand-ins for the service integrations the definition calls, by service call or Task name. */
  services?: Record<string, ServiceStandInSpec>;
  /** Stand-ins for the S3 objects a Distributed Map's ItemReader reads, by `s3://bucket/key` (local target only). */
  s3Objects?: Record<string, S3ObjectSpec>;
  /** The deployed state machine the AWS target starts (`deployed:`), an ARN or name; absent: {@link StateMachineSpec.stateMachineName}. */
  deployed?: string;
  at: Located;
}

/**
 * What a service integration does locally: a fixed response, an error as the service reports it, or
 * a local handler that receives the Task's parameters.
 */
export type ServiceStandInSpec = (
  | { kind: 'response'; response: unknown }
  | { kind: 'error'; error: string; cause?: string }
  | { kind: 'handler'; handlerFile: string; handlerExport: string }
  /** A `.sync` job: its start response, how long it runs, how it ends. */
  | {
      kind: 'job';
      seconds: number;
      response?: unknown;
      ending: { kind: 'succeeded'; output: unknown } | { kind: 'failed'; error?: string; cause?: string };
    }
) & { at: Located };

/** An S3 object a Distributed Map reads in a local run: its text, and the local file it was read from (absent: `content:`). */
export interface S3ObjectSpec {
  body: string;
  file?: string;
  at: Located;
}

/** What the outside world sends to a `.waitForTaskToken` Task: heartbeats and/or an answer. */
export interface CallbackSpec {
  /** The Task's name. */
  state: string;
  /** Which visit of the state (1-based); absent: every visit. */
  visit?: number;
  /** Which attempt within the visit (1-based); absent: every attempt. */
  attempt?: number;
  /** Seconds after the task was submitted that the answer comes; default 0. */
  after?: number;
  answer?: { kind: 'success'; output: unknown } | { kind: 'failure'; error: string; cause?: string };
  /** Seconds between heartbeats, sent from submission until the answer. */
  heartbeat?: number;
  at: Located;
}

/**
 * The scripted worker of an activity Task: which attempts it serves (by activity name and/or Task
 * name, visit, attempt) and what it does (engine: LocalActivityWorker).
 */
export interface ActivityWorkerSpec {
  activity?: string;
  state?: string;
  visit?: number;
  attempt?: number;
  /** Seconds after ActivityScheduled that it polls; `never`: no worker polls. Default 0. */
  pollsAfter?: number | 'never';
  workerName?: string;
  /** Seconds after ActivityStarted that the answer comes; default 0. */
  after?: number;
  answer?: { kind: 'success'; output: unknown } | { kind: 'failure'; error: string; cause?: string };
  heartbeat?: number;
  heartbeatStopsAfter?: number;
  scheduleFailure?: { error: string; cause?: string };
  /** The activity was deleted: the execution fails with States.Runtime. */
  doesNotExist?: boolean;
  at: Located;
}

/**
 * A fault as written in the scenario, resolved to what it arms: a function (`function`), or the
 * service Tasks it breaks (`task`); exactly one of the two is set.
 */
export interface ScenarioFault {
  /** Key of the function (see {@link FunctionSpec.key}); absent for a service-Task fault. */
  function?: string;
  /** A service-Task fault: the Task by name, or every Task making the call (see {@link ServiceFaultTarget}). */
  task?: ServiceFaultTarget;
  /**
   * Key of the state machine the function or Task belongs to, when it is a nested workflow's rather than
   * the scenario's own: the fault applies inside that machine's child executions.
   */
  stateMachine?: string;
  rule: FaultRule;
  at: Located;
}

/**
 * The service Tasks a fault breaks: `state` names one Task; `service` is a call (`dynamodb:putItem`),
 * which covers the Tasks making it through the optimized integration and through the AWS SDK one
 * (`aws-sdk:dynamodb:putItem`); a call written with `aws-sdk:` covers that form only; `activity` is an
 * activity's name or ARN, whose Tasks' workers the fault breaks.
 */
export type ServiceFaultTarget = { state: string } | { service: string } | { activity: string };

/** Expected backoff gap: exact seconds (within tolerance) or bounds (for jitter). */
export type BackoffExpectation = number | { min?: number; max?: number };

export interface StateExpectation {
  /** Which visit of the state the expectation is about (1-based); default 1. */
  visit?: number;
  /** Number of attempts (invocations) in that visit. */
  attempts?: number;
  /** Gaps in seconds between each failure and the next attempt. */
  backoff?: BackoffExpectation[];
  /** Allowed deviation in seconds for exact backoff values; default 1 on AWS, 0.001 locally. */
  tolerance?: number;
  /** Error name of each failed attempt, in order. */
  errors?: string[];
  /** The state the Catch sent the execution to; `null` means "not caught". */
  caughtBy?: string | null;
  /** `succeeded`, `caught` (failed, then a catcher fired) or `failed` (the error left the state uncaught). */
  outcome?: 'succeeded' | 'caught' | 'failed';
  /** The state was entered at all (`false` = expect it never ran). */
  entered?: boolean;
  /**
   * `fromPlan:` in the file: `attempts`, `backoff`, `caughtBy` and `outcome` come from the definition's rules.
   * The loader records what the file asked (`true` or an error name) and where; `resolvePlanExpectations`
   * (src/plan) fills in those fields and `errorName`, the error they were computed for, before a run.
   */
  fromPlan?: { requested: true | string; at: Located; errorName?: string };
  /** A Distributed Map's Map Run (of the visit's last attempt): its status, items read and child executions by ending. */
  mapRun?: MapRunExpectation;
  at: Located;
}

/** What a Distributed Map state's Map Run must show; only the fields given are checked. */
export interface MapRunExpectation {
  status?: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  /** Items read (before batching). */
  items?: number;
  /** Child executions started, and how many ended each way. */
  total?: number;
  succeeded?: number;
  failed?: number;
  timedOut?: number;
  aborted?: number;
}

export interface ExecutionExpectation {
  status?: ExecutionStatus;
  error?: string;
  cause?: string;
  /** Deep-equal on the execution output (parsed JSON). */
  output?: unknown;
  /**
   * A part the execution output (parsed JSON) must include: listed keys must match, other keys may be there;
   * lists match item by item with the same length (see `findPartialMismatch`).
   */
  outputIncludes?: unknown;
  states?: Record<string, StateExpectation>;
  at: Located;
}

export interface Scenario {
  name: string;
  /** Key of the state machine in {@link ScenarioFile.stateMachines}. */
  stateMachine: string;
  input: unknown;
  faults: ScenarioFault[];
  expect: ExecutionExpectation;
  /** Stand-ins that replace the state machine's own for this scenario (same keys). */
  services?: Record<string, ServiceStandInSpec>;
  /** S3 object stand-ins added to the state machine's own (a key of both: this one wins). */
  s3Objects?: Record<string, S3ObjectSpec>;
  /** Answers and heartbeats for `.waitForTaskToken` Tasks; the first entry that matches an attempt applies. */
  callbacks?: CallbackSpec[];
  /** Scripted workers of activity Tasks; the first entry that matches an attempt applies. */
  activities?: ActivityWorkerSpec[];
  /** Seed for `rate` faults and jitter; default derived from the scenario name. */
  seed?: number | string;
  at: Located;
}

export interface ScenarioFile {
  /** Absolute path of the scenario file. */
  file: string;
  stateMachines: Record<string, StateMachineSpec>;
  scenarios: Scenario[];
}
