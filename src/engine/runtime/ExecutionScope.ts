import type { HistoryRecorder } from './HistoryRecorder.js';
import type { EnvironmentPool } from './environmentLogStreams.js';
import type { ExecutionContextFunctions } from './executionContextFunctions.js';
import type { ExecutionIntegrations } from './executionIntegrations.js';
import type { JsonObject, JsonValue } from '../data/json.js';
import type { LocalFunction, LocalFunctionResolver } from '../api/types.js';
import type { VariableScope } from '../data/variables.js';
import type { VirtualClock } from './VirtualClock.js';

/** Names and ARNs of one execution, all derived from the state machine ARN and the options. */
export interface ExecutionIdentity {
  partition: string;
  region: string;
  accountId: string;
  stateMachineArn: string;
  stateMachineName: string;
  executionArn: string;
  executionName: string;
  roleArn: string;
}

/** One visit of a state: what its events and failure causes refer back to. */
export interface StateVisit {
  name: string;
  /** The state's `Type` (`Task`, `Pass`…). */
  type: string;
  /** Id of the `…StateEntered` event. */
  enteredEventId: number;
  /** The `previousEventId` of that event (an `EvaluationFailed` of the state links there, as recorded). */
  enteredPreviousEventId: number;
  /** Virtual time of that event (`$$.State.EnteredTime`). */
  enteredTime: number;
}

/** What every state runner needs from the execution it belongs to. */
export interface ExecutionScope {
  readonly identity: ExecutionIdentity;
  readonly clock: VirtualClock;
  readonly history: HistoryRecorder;
  readonly functions: LocalFunctionResolver;
  /** Task tokens, scripted callback answers and service stand-ins (shared by all states of the execution). */
  readonly integrations: ExecutionIntegrations;
  /** The execution-wide functions of every Lambda context's `sfnChaos` (built once per execution). */
  readonly contextFunctions: ExecutionContextFunctions;
  /** The run's Lambda execution environments (their log streams), shared with its nested executions. */
  readonly environments: EnvironmentPool;
  /**
   * Lambda's event queue for `InvocationType: Event` invocations (one per execution, shared by all its states,
   * made on the first call). A method, not a getter: an object literal's getter gives each scope a hidden class
   * of its own, and V8's young-generation collections then keep every scope's closure (and so its execution)
   * alive until the next full collection.
   */
  asyncInvocations(): AsyncEventQueue;
  /** Source of FULL jitter. */
  readonly random: () => number;
  /** Workflow variables (`Assign`) visible to the states run in this scope; a Parallel branch or Map iteration gets `variables.child()`. */
  readonly variables: VariableScope;
  readonly executionInput: JsonValue;
  readonly startTime: number;
  /** Lets virtual time run until `work` settles; throws ExecutionDeadlineReached if the execution times out first. */
  waitFor<T>(work: Promise<T>): Promise<T>;
  /**
   * The context object (`$$`) as seen by a state; `retryCount` (the attempt's retry, 0 first) only for
   * states that retry: AWS shows `$$.State.RetryCount` in Task states, not in Pass and the other
   * retry-less states (recorded; Parallel and Map keep it here, UNCONFIRMED).
   */
  contextObject(visit: StateVisit, retryCount?: number): JsonObject;
}

/** What a `lambda:invoke` Task with `InvocationType: Event` hands to Lambda's event queue. */
export interface QueuedEvent {
  fn: LocalFunction;
  payload: JsonValue;
  invokedFunctionArn: string;
  visit: StateVisit;
  retryCount: number;
  requestId: string;
}

/** Lambda's asynchronous event queue as a Task sees it. */
export interface AsyncEventQueue {
  /** Queues one event; Lambda's attempts at it start on the virtual clock at once. */
  enqueue(event: QueuedEvent): void;
}
