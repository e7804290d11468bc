import type { ExecutionStatus, HistoryEvent } from '@aws-sdk/client-sfn';
import type { MapRunObservation } from '../assertions/types.js';
import type { AsyncInvocation, ExecutionResult } from '../engine/api/types.js';
import type { Scenario, ScenarioFile, StateMachineSpec } from '../scenarios/types.js';

/** One fault the injector reports having injected (a fault-ledger line). */
export type InjectedFault = Record<string, unknown>;

/** A nested workflow's execution, as DescribeExecution and GetExecutionHistory show it (local target). */
export type ChildExecutionRecord = Pick<
  ExecutionResult,
  'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate' | 'stopDate' | 'input' | 'output' | 'error' | 'cause' | 'events'
> & { childExecutions?: ChildExecutionRecord[] };

/** What a target hands back for one scenario: the execution as DescribeExecution and GetExecutionHistory see it. */
export interface ScenarioExecution {
  /** Executions the scenario's execution started with `states:startExecution`, each with its own history (local target). */
  childExecutions?: ChildExecutionRecord[];
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** JSON strings, as the Step Functions API returns them. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /**
   * `InvocationType: Event` invocations the execution handed to Lambda and Lambda's attempts at each
   * (the local target runs them to their end; their errors went to Lambda's async retries, never to the
   * state machine). Absent where the target cannot see them (the AWS target).
   */
  asyncInvocations?: AsyncInvocation[];
  /** The Map Runs of the execution's Distributed Map states, status and counts (local target). */
  mapRuns?: MapRunObservation[];
  /**
   * Every child execution of those Map Runs, each with its history (local target): the reports only count
   * them (`mapRuns`), coverage reads their Retry and Catch.
   */
  mapRunExecutions?: ChildExecutionRecord[];
  /** Ledger lines of the faults injected during the execution. */
  injectedFaults: InjectedFault[];
  /** Warnings the injector logged (a fault that could not fire as configured); the scenario still ran. */
  injectorWarnings: Record<string, unknown>[];
  /**
   * Every failed attempt of the history and whether a fault-ledger line shows sfn-chaos injected it. Set by
   * targets that read the ledger back (the AWS target); absent when the ledger was not read or could not be.
   */
  failedAttempts?: FailedAttemptOrigin[];
  /**
   * The execution ran to its end but cleaning up after it failed (a function could not be disarmed): the
   * scenario is an error with this message, and its history is still judged and reported.
   */
  cleanupError?: string;
}

/** One failed attempt of an execution and the fault-ledger line that explains it, if any. */
export interface FailedAttemptOrigin {
  /** The state and its 1-based visit and attempt, as in the history analysis. */
  stateName: string;
  visit: number;
  attempt: number;
  /** The event that ended the attempt (`LambdaFunctionFailed`, `TaskFailed`, `TaskTimedOut`, …). */
  failureEventId: number;
  failureEventType: string;
  error: string | null;
  /** The failure is a `.waitForTaskToken` answer (or its missing heartbeat), not an invocation that failed. */
  afterSubmission: boolean;
  /** Whether a ledger line of this run and scenario was matched to the attempt. */
  injected: boolean;
  /** `awsRequestId`: the failure's cause names the invocation the line was written in; `order`: matched by position per function. */
  matchedBy: 'awsRequestId' | 'order' | null;
  faultId: string | null;
  awsRequestId: string | null;
}

export interface ScenarioRunRequest {
  file: ScenarioFile;
  scenario: Scenario;
  stateMachine: StateMachineSpec;
  /** Identifies this `chaos run`; traces executions and ledger lines back to it. */
  runId: string;
  /** Position of the scenario in the file (0-based), for unique execution names. */
  index: number;
  signal?: AbortSignal;
}

/**
 * Where scenarios run. A target arms the scenario's faults, starts the execution, waits for it,
 * reads its history and disarms the faults on every way out.
 */
export interface Target {
  /** The name `--target` takes (`local`, `aws`); reports and results carry it. */
  readonly name: string;
  /** Tolerance in seconds for exact backoff expectations that set none: virtual time is exact, AWS is not. */
  readonly defaultBackoffTolerance: number;
  runScenario(request: ScenarioRunRequest): Promise<ScenarioExecution>;
  /**
   * Read-only checks for the whole run, called once before any scenario starts (the AWS target resolves
   * every state machine and function and refuses accounts outside its allow-list here, before it changes anything).
   */
  prepare?(request: RunPreparation): Promise<void>;
  /**
   * A hint, while the scenario file is still loading, that the run will invoke this local handler: the target may
   * start what runs it now (the local target starts its execution environment). Absent: nothing to start early.
   */
  warmUp?(handler: { file: string; exportName: string }): void;
  /**
   * What a scenario needs the deployed functions to be armed with, so the runner never overlaps two
   * scenarios that need the same function armed differently. Absent: scenarios never conflict.
   */
  armingClaims?(request: Pick<ScenarioRunRequest, 'file' | 'scenario' | 'stateMachine'>): ArmingClaim[];
  /**
   * What the target does with the running scenarios when the run is interrupted (Ctrl-C, SIGTERM), as the
   * CLI says it: `chaos: SIGINT received, <whenInterrupted> and writing results`. Absent: "finishing the current scenario".
   */
  readonly whenInterrupted?: string;
  /**
   * What is armed outside this process right now, for the message of a second Ctrl-C that exits before the
   * disarm is done. Absent: the target arms nothing outside the process (the local target).
   */
  armedNow?(): ArmedPlaceSummary[];
}

/**
 * One place a fault config is live on a deployed function, as {@link Target.armedNow} reports it.
 *
 * @example
 * ```ts
 * const armed: ArmedPlaceSummary = { functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:charge', place: { kind: 'environment' }, expiresAt: '2026-05-04T10:25:00.000Z', runId: 'm9x2k1a3f0c2' };
 * ```
 */
export interface ArmedPlaceSummary {
  /** The unqualified ARN of the Lambda function. */
  functionArn: string;
  /** Where the function's injector reads the config: its `SFN_CHAOS_CONFIG` environment variable, or an SSM parameter. */
  place: { kind: 'environment' } | { kind: 'ssm'; parameterName: string };
  /** The config's `expiresAt` (ISO 8601): after it the injector ignores the faults. */
  expiresAt: string;
  /** The `runId` of the config written. */
  runId: string;
}

/** The scenarios a run is about to execute, for {@link Target.prepare}. */
export interface RunPreparation {
  file: ScenarioFile;
  scenarios: Scenario[];
  runId: string;
  signal?: AbortSignal;
}

/**
 * One deployed function a scenario uses and the fault configuration it needs there. Two scenarios may
 * run at the same time only when every function they share is claimed with the same `config`.
 */
export interface ArmingClaim {
  /** Identifies the deployed function (its name or ARN as the target addresses it). */
  resource: string;
  /** Canonical text of the faults the scenario arms on it; `''` when it must stay unarmed. */
  config: string;
}

/**
 * The `output`, `error` and `cause` an execution has, leaving out those it has not (the Step Functions
 * API omits them too), for building a {@link ScenarioExecution} from any source.
 */
export function executionOutcome(source: {
  output?: string | undefined;
  error?: string | undefined;
  cause?: string | undefined;
}): Pick<ScenarioExecution, 'output' | 'error' | 'cause'> {
  return {
    ...(source.output !== undefined ? { output: source.output } : {}),
    ...(source.error !== undefined ? { error: source.error } : {}),
    ...(source.cause !== undefined ? { cause: source.cause } : {}),
  };
}
