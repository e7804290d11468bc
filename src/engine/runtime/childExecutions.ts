import type { ExecutionResult, LocalStateMachine } from '../api/types.js';
import type { JsonValue } from '../data/json.js';

/** What a `states:startExecution` Task asks for: which machine, the execution name and its input. */
export interface ChildExecutionRequest {
  machine: LocalStateMachine;
  /** The `Name` parameter; absent: a random UUID. */
  name?: string;
  input: JsonValue;
  /**
   * True for `.sync` / `.sync:2`: the parent's Task manages the child, so a child still running when
   * the parent ends is stopped (ExecutionAborted). Fire-and-forget and callback children run on.
   */
  managed: boolean;
  /** False for a Distributed Map's child executions: the Map Run lists them, not the parent's `childExecutions`. */
  listed?: boolean;
}

/** A started nested execution: its identity at once, its result once it ends. */
export interface ChildExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  /** Virtual time of its ExecutionStarted, ms since the epoch. */
  readonly startDate: number;
  readonly input: JsonValue;
  readonly managed: boolean;
  /** Resolves when the child ended (never rejects). */
  readonly done: Promise<ExecutionResult>;
  /** True once it ended. */
  readonly ended: boolean;
  /** Stops the child (StopExecution): it ends with ExecutionAborted unless it already ended. */
  stop(error: string | undefined, cause: string | undefined): void;
}

/** Starts nested executions on the parent's clock and keeps the list the parent's result shows. */
export interface ChildExecutionStarter {
  start(request: ChildExecutionRequest): ChildExecution;
  readonly started: readonly ChildExecution[];
}

/** A StopExecution of a nested execution: its scope's waits end with this, and its history with ExecutionAborted. */
export class ExecutionStopped extends Error {
  readonly error: string | undefined;
  readonly failureCause: string | undefined;
  constructor(error: string | undefined, cause: string | undefined) {
    super('execution stopped');
    this.name = 'ExecutionStopped';
    this.error = error;
    this.failureCause = cause;
  }
}
