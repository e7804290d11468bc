import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { HistoryLimitReached } from './failures.js';
import { StepFunctionsLimit } from './limits.js';

/** The one `…EventDetails` member of an event (or none). */
export type EventDetails = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'>;

const executionEndTypes: ReadonlySet<string> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/**
 * Builds the execution history as GetExecutionHistory returns it: ids from 1, each event linked to the
 * one before it unless the caller says otherwise (AWS links the first StateEntered to 0), stamped with
 * virtual time.
 */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  get lastEventId(): number {
    return this.events.length;
  }

  /**
   * Appends an event and returns its id. Throws {@link HistoryLimitReached} when this event would be
   * number 25,000 without ending the execution: that slot is reserved for the failure AWS writes then.
   */
  append(type: HistoryEventType, details: EventDetails = {}, previousEventId: number = this.lastEventId): number {
    const id = this.events.length + 1;
    if (id >= StepFunctionsLimit.historyEvents && !executionEndTypes.has(type)) throw new HistoryLimitReached();
    this.events.push({ id, previousEventId, timestamp: new Date(this.#now()), type, ...details });
    return id;
  }
}
