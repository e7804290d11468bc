import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { BranchAborted } from './BranchAborted.js';
import { HistoryLimitReached } from '../asl/failures.js';
import { HistoryTimestamp } from './HistoryTimestamp.js';
import { StepFunctionsLimit } from '../asl/limits.js';

/** The one `…EventDetails` member of an event (or none). */
export type EventDetails = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'>;

const executionEndTypes: ReadonlySet<string> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

const noDetails: EventDetails = Object.freeze({});

/**
 * The `inputDetails` / `outputDetails` of every event: Step Functions writes `{ truncated: false }` for
 * a payload it kept whole, and the engine never truncates one (a payload over the quota fails the state
 * instead). One frozen object shared by every event, as events of one instant share their timestamp: a
 * history of 10,000 events would otherwise hold 10,000 copies of it.
 *
 * @example
 * history.append('LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource, input, inputDetails: notTruncated } });
 */
export const notTruncated: { readonly truncated: false } = Object.freeze({ truncated: false });

/**
 * States whose visit AWS closes with an `…Aborted` event when a sibling branch or iteration fails
 * while they are open: `TaskStateAborted` (held-back AWS recordings), `WaitStateAborted` (by analogy:
 * UNCONFIRMED).
 */
const abortableStates: Readonly<Record<string, HistoryEventType>> = {
  TaskStateEntered: 'TaskStateAborted',
  WaitStateEntered: 'WaitStateAborted',
};

/** Whether an event type enters or leaves a state, remembered per type (a few dozen types, written millions of times). */
const stateBoundaries = new Map<string, 'entered' | 'exited' | 'other'>();

function stateBoundaryOf(type: string): 'entered' | 'exited' | 'other' {
  let boundary = stateBoundaries.get(type);
  if (boundary === undefined) {
    boundary = type.endsWith('StateEntered') ? 'entered' : type.endsWith('StateExited') ? 'exited' : 'other';
    stateBoundaries.set(type, boundary);
  }
  return boundary;
}

/**
 * The events of one execution, shared by every chain that writes into it. Events are kept as columns
 * while the execution runs and become `HistoryEvent` objects (with their `Date`) only when read: a
 * Map of 1,000 items writes 10,000 events, and objects kept that long are copied by every garbage
 * collection of the young generation until they are promoted. Built at the end, they are allocated
 * once, in one go. Details objects are kept as given, so callers must not change them once appended.
 * A text event ({@link TextEventType}) keeps only its state name and JSON text, in the `#names` and
 * `#details` columns: its details objects are made when it is read.
 */
class EventLog {
  readonly now: () => number;
  readonly #types: HistoryEventType[] = [];
  readonly #previousEventIds: number[] = [];
  readonly #timestamps: number[] = [];
  /** An event's details, or a text event's JSON text. */
  readonly #details: (EventDetails | string)[] = [];
  /** A text event's state name (`undefined` for every other event). */
  readonly #names: (string | undefined)[] = [];
  readonly #materialised: HistoryEvent[] = [];

  constructor(now: () => number) {
    this.now = now;
  }

  get length(): number {
    return this.#types.length;
  }

  /** Appends an event stamped with the current time and returns its id (ids count from 1). */
  push(type: HistoryEventType, details: EventDetails | string, previousEventId: number, name?: string): number {
    this.#types.push(type);
    this.#previousEventIds.push(previousEventId);
    this.#timestamps.push(this.now());
    this.#details.push(details);
    this.#names.push(name);
    return this.#types.length;
  }

  /**
   * Every event so far, as GetExecutionHistory returns them; the same objects on every read. Events
   * of the same instant share their (unchangeable) timestamp.
   */
  events(): HistoryEvent[] {
    const events = this.#materialised;
    let timestamp = events.at(-1)?.timestamp;
    for (let index = events.length; index < this.#types.length; index++) {
      const ms = this.#timestamps[index] as number;
      if (timestamp?.getTime() !== ms) timestamp = new HistoryTimestamp(ms);
      const type = this.#types[index] as HistoryEventType;
      const details = this.#details[index] as EventDetails | string;
      const previousEventId = this.#previousEventIds[index] as number;
      events.push(
        typeof details === 'string'
          ? textEvent(index + 1, previousEventId, timestamp, type, this.#names[index], details)
          : { id: index + 1, previousEventId, timestamp, type, ...details },
      );
    }
    return events;
  }
}

/**
 * The events kept as a JSON text (and a state name) until read: every state's `…StateEntered`, a
 * state's `…StateExited` without assigned variables, and `LambdaFunctionSucceeded`. Their details are
 * fixed by their type, and they are about half of most histories.
 */
export type TextEventType = Extract<HistoryEventType, `${string}StateEntered` | `${string}StateExited` | 'LambdaFunctionSucceeded'>;

/** A text event as GetExecutionHistory returns it, with details objects of its own. */
function textEvent(
  id: number,
  previousEventId: number,
  timestamp: Date | undefined,
  type: HistoryEventType,
  name: string | undefined,
  text: string,
): HistoryEvent {
  const boundary = stateBoundaryOf(type);
  if (boundary === 'entered') {
    return { id, previousEventId, timestamp, type, stateEnteredEventDetails: { name, input: text, inputDetails: notTruncated } };
  }
  if (boundary === 'exited') {
    return { id, previousEventId, timestamp, type, stateExitedEventDetails: { name, output: text, outputDetails: notTruncated } };
  }
  return {
    id,
    previousEventId,
    timestamp,
    type,
    lambdaFunctionSucceededEventDetails: { output: text, outputDetails: notTruncated },
  };
}

/**
 * Builds the execution history as GetExecutionHistory returns it: ids from 1, stamped with virtual
 * time, each event linked to the last event of the same chain unless the caller says otherwise (AWS
 * links the first StateEntered to 0).
 *
 * A chain is one thread of control. The execution has one; each Parallel branch and Map iteration gets
 * its own with {@link HistoryRecorder.branch}, so that events written while branches run concurrently
 * link to the events of their own branch, as AWS links them, while ids stay global and ascending.
 *
 * @example
 * const history = new HistoryRecorder(() => clock.now());
 * history.append('ExecutionStarted', {}, 0);          // id 1
 * const started = history.append('ParallelStateStarted'); // id 2, previousEventId 1
 * const branch = history.branch(started);
 * branch.append('PassStateEntered');                     // id 3, previousEventId 2
 */
export class HistoryRecorder {
  readonly #log: EventLog;
  readonly #parent: HistoryRecorder | undefined;
  #lastEventId: number;
  #stopped = false;
  /** The `…Aborted` event the chain's open Task or Wait visit gets if the chain is aborted; none between visits. */
  #openStateAbortType: HistoryEventType | undefined;

  constructor(now: () => number);
  constructor(log: EventLog, parent: HistoryRecorder, lastEventId: number);
  constructor(nowOrLog: (() => number) | EventLog, parent?: HistoryRecorder, lastEventId = 0) {
    this.#log = typeof nowOrLog === 'function' ? new EventLog(nowOrLog) : nowOrLog;
    this.#parent = parent;
    this.#lastEventId = lastEventId;
  }

  /** Every event of the execution, in id order (all chains). */
  get events(): HistoryEvent[] {
    return this.#log.events();
  }

  /** The event the next event of this chain links to by default. */
  get lastEventId(): number {
    return this.#lastEventId;
  }

  /** A new chain for a branch or iteration whose first event links to `fromEventId`. */
  branch(fromEventId: number): HistoryRecorder {
    return new HistoryRecorder(this.#log, this, fromEventId);
  }

  /** Makes the next event of this chain link to `eventId` (AWS links some events past the one just written). */
  continueFrom(eventId: number): void {
    this.#lastEventId = eventId;
  }

  /** Ends this chain and every chain branched from it: later writes throw {@link BranchAborted}. */
  stop(): void {
    this.#stopped = true;
  }

  get isStopped(): boolean {
    return this.#stopped || (this.#parent?.isStopped ?? false);
  }

  /**
   * Appends an event, makes it the last event of this chain and returns its id. Throws
   * {@link HistoryLimitReached} when this event would be number 25,000 without ending the execution:
   * that slot is reserved for the failure AWS writes then.
   */
  append(type: HistoryEventType, details: EventDetails = noDetails, previousEventId: number = this.#lastEventId): number {
    const id = this.appendAside(type, details, previousEventId);
    this.#lastEventId = id;
    return id;
  }

  /**
   * Appends an event that the chain does not continue from: AWS links the event after a
   * `MapIterationSucceeded` to the iteration's last state event, not to the `MapIterationSucceeded`.
   */
  appendAside(type: HistoryEventType, details: EventDetails, previousEventId: number): number {
    this.#admit(type);
    return this.#log.push(type, details, previousEventId);
  }

  /**
   * Appends a text event (a state's `…StateEntered` or `…StateExited` without assigned variables, or
   * `LambdaFunctionSucceeded`) from its JSON text and, for a state event, the state's name, and makes it
   * the last event of this chain: the same event as {@link HistoryRecorder.append} with its details, kept
   * as the two strings until the history is read.
   *
   * @example
   * history.appendText('PassStateEntered', '{"step":1}', 'Step 1');
   * history.events.at(-1)?.stateEnteredEventDetails; // { name: 'Step 1', input: '{"step":1}', inputDetails: { truncated: false } }
   */
  appendText(type: TextEventType, text: string, name?: string, previousEventId: number = this.#lastEventId): number {
    this.#admit(type);
    const id = this.#log.push(type, text, previousEventId, name);
    this.#lastEventId = id;
    return id;
  }

  /** Refuses an event this chain may not write, and tracks the open Task or Wait visit. */
  #admit(type: HistoryEventType): void {
    if (this.isStopped) throw new BranchAborted();
    if (this.#log.length + 1 >= StepFunctionsLimit.historyEvents && !executionEndTypes.has(type)) throw new HistoryLimitReached();
    const boundary = stateBoundaryOf(type);
    if (boundary === 'entered') this.#openStateAbortType = abortableStates[type];
    else if (boundary === 'exited') this.#openStateAbortType = undefined;
  }

  /**
   * Sets the `…Aborted` event the chain's open visit gets if the chain is aborted (a Distributed Map
   * writes `MapRunAborted` while its Map Run is in progress); `undefined`: none.
   */
  setOpenStateAbort(type: HistoryEventType | undefined): void {
    this.#openStateAbortType = type;
  }

  /**
   * Closes the chain's open Task (or Wait) visit with its `…Aborted` event linked to `failingEventId`,
   * as AWS does when a sibling branch or iteration fails; nothing when no such visit is open. Returns
   * whether it wrote an event.
   *
   * @example
   * branch.append('TaskStateEntered');
   * branch.abortOpenState(failedEventId); // TaskStateAborted, previousEventId failedEventId
   */
  abortOpenState(failingEventId: number): boolean {
    const type = this.#openStateAbortType;
    if (type === undefined || this.isStopped) return false;
    this.#openStateAbortType = undefined;
    this.appendAside(type, noDetails, failingEventId);
    return true;
  }
}
