import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  EXECUTION_TERMINAL_STATUS,
  TASK_FAILED_EVENTS,
  TASK_PROGRESS_EVENTS,
  TASK_SCHEDULED_EVENTS,
  TASK_SUCCEEDED_EVENTS,
  TASK_TIMED_OUT_EVENTS,
  errorOutputOf,
  isValidDate,
  normaliseEvents,
  numberField,
  parsePayload,
  stateKindOf,
  stringField,
} from './historyEvents.js';
import type { NormalisedEvent, StateKind } from './historyEvents.js';
import type { AttemptObservation, EnclosingState, ExecutionAnalysis, StateVisit } from './types.js';

/** How much of the history {@link analyzeHistory} reads. */
export interface AnalyzeHistoryOptions {
  /**
   * Whether each visit gets its `input`, `output` and `assignedVariables` (parsed from their JSON text);
   * default true. Without them the analysis is the same in every other field, the execution's own
   * `output` included, and costs less: `chaos explore` reads outcomes only.
   */
  statePayloads?: boolean;
}

/**
 * Reads an execution history (GetExecutionHistory `events`, from AWS or the local engine) and reports, per
 * state visit, the attempts, the errors, the waits between attempts and whether a catcher fired.
 *
 * Events are ordered by `id`. Events of states inside Map iterations and Parallel branches are attributed
 * to those nested states (followed through `previousEventId`), never to the enclosing Map/Parallel state,
 * whose attempts are its runs (`MapStateStarted`/`ParallelStateStarted`). Nested states are reported as
 * visits too, with {@link StateVisit.enclosingState} set. The function never throws: a history with
 * missing events (Express logs) gives whatever can be known from the events present, and lists the ids it
 * lacks in `missingEventIds`, since what it reports about states may then be wrong.
 *
 * @example
 * ```ts
 * const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
 * const analysis = analyzeHistory(events ?? []);
 * const download = analysis.visits.find((visit) => visit.name === 'Download Exoplanets');
 * console.log(download?.attempts.length, download?.backoffIntervals, download?.catchDestination);
 * // 4 [ 10, 20, 40 ] 'ErrorState'
 * ```
 */
export function analyzeHistory(events: HistoryEvent[], options: AnalyzeHistoryOptions = {}): ExecutionAnalysis {
  const reader = new HistoryReader(options.statePayloads ?? true);
  const normalised = normaliseEvents(events);
  for (const event of normalised) reader.read(event);
  const analysis = reader.finish();
  const missingEventIds = missingIdsOf(normalised);
  return missingEventIds.length === 0 ? analysis : { ...analysis, missingEventIds };
}

/** At most this many missing ids are listed (a gap that long says enough). */
export const MISSING_IDS_LISTED = 1000;

/** Event ids count from 1 without gaps (sfn-semantics.md §5.2): the integers below the highest id that are not there. */
function missingIdsOf(events: readonly NormalisedEvent[]): number[] {
  const missing: number[] = [];
  let expected = 1;
  for (const { id } of events) {
    if (!Number.isInteger(id) || id < expected) continue;
    for (; expected < id && missing.length < MISSING_IDS_LISTED; expected += 1) missing.push(expected);
    expected = id + 1;
  }
  return missing;
}

interface ErrorInfo {
  error?: string;
  cause?: string;
}

/** Bookkeeping around one {@link StateVisit} while the history is read. */
interface VisitRecord {
  readonly visit: StateVisit;
  readonly kind: StateKind;
  readonly parent: VisitRecord | undefined;
  readonly children: VisitRecord[];
  readonly iterationIndex: number | undefined;
  open: boolean;
  /** `MapStateFailed`/`ParallelStateFailed` seen: the retriers are done, no further run follows. */
  runsFinished: boolean;
  /** Time of the latest event of the current Map/Parallel run, nested states included. */
  lastActivityAt: Date | undefined;
  /** Errors that left nested states during the current Map/Parallel run. */
  nestedFailures: (ErrorInfo & { eventId: number })[];
  lastEventId: number;
  awaitingCatchDestination: boolean;
  /** From `EvaluationFailed`: the state failed outside any task attempt. */
  evaluationError: ErrorInfo | undefined;
}

type AttemptResult = AttemptObservation['result'];

const RUN_STARTED_EVENTS: Readonly<Record<string, StateKind>> = {
  MapStateStarted: 'map',
  ParallelStateStarted: 'parallel',
};
const RUN_ENDED_EVENTS: Readonly<Record<string, { kind: StateKind; result: 'succeeded' | 'failed'; final: boolean }>> = {
  MapStateSucceeded: { kind: 'map', result: 'succeeded', final: false },
  MapStateFailed: { kind: 'map', result: 'failed', final: true },
  ParallelStateSucceeded: { kind: 'parallel', result: 'succeeded', final: false },
  ParallelStateFailed: { kind: 'parallel', result: 'failed', final: true },
  MapRunSucceeded: { kind: 'map', result: 'succeeded', final: false },
  MapRunFailed: { kind: 'map', result: 'failed', final: false },
};
/** Events after which a nested state is entered as the first state of an iteration or branch. */
const SCOPE_OPENING_EVENTS: ReadonlySet<string> = new Set([
  'MapIterationStarted',
  'MapStateStarted',
  'MapRunStarted',
  'ParallelStateStarted',
]);

function isEnded(result: AttemptResult | undefined): boolean {
  return result !== undefined && result !== 'running';
}

function hasRunningAttempt(record: VisitRecord): boolean {
  return record.visit.attempts.at(-1)?.result === 'running';
}

function isRunState(record: VisitRecord): boolean {
  return record.kind === 'map' || record.kind === 'parallel';
}

function errorInfoOf(details: Record<string, unknown>): ErrorInfo {
  const info: ErrorInfo = {};
  const error = stringField(details, 'error');
  const cause = stringField(details, 'cause');
  if (error !== undefined) info.error = error;
  if (cause !== undefined) info.cause = cause;
  return info;
}

function assignError(target: { error?: string; cause?: string }, info: ErrorInfo | undefined): void {
  if (info?.error !== undefined) target.error = info.error;
  if (info?.cause !== undefined) target.cause = info.cause;
}

/** Seconds between a failed attempt's end and the next attempt's start; NaN when either end is unknown. */
function backoffIntervalsOf(attempts: AttemptObservation[]): number[] {
  const intervals: number[] = [];
  for (let index = 1; index < attempts.length; index++) {
    const previous = attempts[index - 1];
    const next = attempts[index];
    const failed = previous?.result === 'failed' || previous?.result === 'timedOut';
    if (failed && isValidDate(previous.endedAt) && next && isValidDate(next.scheduledAt)) {
      intervals.push((next.scheduledAt.getTime() - previous.endedAt.getTime()) / 1000);
    } else {
      intervals.push(Number.NaN);
    }
  }
  return intervals;
}

class HistoryReader {
  private readonly analysis: ExecutionAnalysis = { status: 'RUNNING', visits: [] };
  private readonly records: VisitRecord[] = [];
  private readonly visitCounts = new Map<string, number>();
  private readonly eventTypeById = new Map<number, string>();
  private readonly ownerById = new Map<number, VisitRecord>();
  private readonly iterationIndexById = new Map<number, number>();

  constructor(private readonly statePayloads: boolean) {}

  read(event: NormalisedEvent): void {
    this.eventTypeById.set(event.id, event.type);
    const { type } = event;
    if (Object.hasOwn(EXECUTION_TERMINAL_STATUS, type)) return this.readExecutionEnd(event);
    if (type === 'ExecutionRedriven') return this.readExecutionRedriven();
    if (type.endsWith('StateEntered')) return this.readStateEntered(event);
    if (type.endsWith('StateExited')) return this.readStateExited(event);
    if (type.endsWith('StateAborted') || type === 'MapRunAborted') return this.readStateAborted(event);
    if (TASK_SCHEDULED_EVENTS.has(type)) return this.readTaskScheduled(event);
    if (TASK_PROGRESS_EVENTS.has(type)) return this.readTaskProgress(event);
    if (TASK_SUCCEEDED_EVENTS.has(type)) return this.readTaskEnded(event, 'succeeded');
    if (TASK_FAILED_EVENTS.has(type)) return this.readTaskEnded(event, 'failed');
    if (TASK_TIMED_OUT_EVENTS.has(type)) return this.readTaskEnded(event, 'timedOut');
    const runStartedKind = Object.hasOwn(RUN_STARTED_EVENTS, type) ? RUN_STARTED_EVENTS[type] : undefined;
    if (runStartedKind) return this.readRunStarted(event, runStartedKind);
    if (type === 'MapRunStarted') return this.readMapRunStarted(event);
    const runEnded = Object.hasOwn(RUN_ENDED_EVENTS, type) ? RUN_ENDED_EVENTS[type] : undefined;
    if (runEnded) return this.readRunEnded(event, runEnded);
    if (type.startsWith('MapIteration')) return this.readMapIteration(event);
    if (type === 'EvaluationFailed') return this.readEvaluationFailed(event);
  }

  finish(): ExecutionAnalysis {
    if (this.analysis.status === 'SUCCEEDED') {
      for (const record of this.records) this.closeSucceeded(record);
    }
    for (const record of this.records) record.visit.backoffIntervals = backoffIntervalsOf(record.visit.attempts);
    return this.analysis;
  }

  // ---- owner lookup -------------------------------------------------------------------------------

  /**
   * The open visit an event belongs to: first along `previousEventId` (the visit owning the previous event,
   * then its enclosing states), else the most recently entered open visit that fits. Within each of the two
   * searches a visit that also satisfies `prefers` wins, so the event's own visit beats one elsewhere.
   */
  private resolve(
    event: NormalisedEvent,
    fits: (record: VisitRecord) => boolean,
    prefers: (record: VisitRecord) => boolean = () => true,
  ): VisitRecord | undefined {
    const chain: VisitRecord[] = [];
    const previousOwner = event.previousEventId === undefined ? undefined : this.ownerById.get(event.previousEventId);
    for (let record = previousOwner; record; record = record.parent) {
      if (record.open && fits(record)) chain.push(record);
    }
    const fromChain = chain.find(prefers) ?? chain[0];
    if (fromChain) return fromChain;
    const candidates = this.records.filter((record) => record.open && fits(record));
    return candidates.findLast(prefers) ?? candidates.at(-1);
  }

  private attribute(event: NormalisedEvent, record: VisitRecord): void {
    this.ownerById.set(event.id, record);
    record.lastEventId = event.id;
    for (let scope: VisitRecord | undefined = record; scope; scope = scope.parent) {
      if (isRunState(scope) && hasRunningAttempt(scope)) scope.lastActivityAt = event.timestamp;
    }
  }

  // ---- states -------------------------------------------------------------------------------------

  private readStateEntered(event: NormalisedEvent): void {
    const name = stringField(event.details, 'name') ?? '(unnamed state)';
    const { parent, iterationIndex, previousSibling, guessed } = this.placeNewVisit(event);
    const visitNumber = (this.visitCounts.get(name) ?? 0) + 1;
    this.visitCounts.set(name, visitNumber);

    const visit: StateVisit = {
      name,
      visit: visitNumber,
      enteredEventType: event.type,
      enteredEventId: event.id,
      enteredAt: event.timestamp,
      attempts: [],
      backoffIntervals: [],
      outcome: 'running',
    };
    if (this.statePayloads && 'input' in event.details) visit.input = parsePayload(event.details['input']);
    if (parent) {
      const enclosingState: EnclosingState = {
        name: parent.visit.name,
        visit: parent.visit.visit,
        attempt: parent.visit.attempts.length,
      };
      if (iterationIndex !== undefined) enclosingState.iterationIndex = iterationIndex;
      visit.enclosingState = enclosingState;
    }

    const record: VisitRecord = {
      visit,
      kind: stateKindOf(event.type),
      parent,
      children: [],
      iterationIndex,
      open: true,
      runsFinished: false,
      lastActivityAt: undefined,
      nestedFailures: [],
      lastEventId: event.id,
      awaitingCatchDestination: false,
      evaluationError: undefined,
    };
    parent?.children.push(record);
    this.records.push(record);
    this.analysis.visits.push(visit);
    this.attribute(event, record);

    const caughtVisit = guessed ? this.guessCaughtVisit(record) : previousSibling;
    if (caughtVisit?.awaitingCatchDestination) {
      caughtVisit.visit.catchDestination = name;
      caughtVisit.awaitingCatchDestination = false;
    }
  }

  /**
   * Without the previous event, the caught visit is the latest one in the same scope still waiting for its
   * destination. At the top level only one state runs at a time, so a still-open visit that carries an
   * error must have been caught even though its `…StateExited` event is missing.
   */
  private guessCaughtVisit(entered: VisitRecord): VisitRecord | undefined {
    const waiting = this.records.findLast(
      (other) => other !== entered && other.parent === entered.parent && other.awaitingCatchDestination,
    );
    if (waiting || entered.parent) return waiting;
    const unfinished = this.records.findLast(
      (other) => other !== entered && other.open && !other.parent && this.pendingFailure(other) !== undefined,
    );
    if (unfinished) {
      this.closeSucceeded(unfinished);
      unfinished.awaitingCatchDestination = true;
    }
    return unfinished;
  }

  /**
   * Where a newly entered state sits: first state of an iteration/branch, or the successor of a sibling.
   * `guessed` when the previous event is missing from the history.
   */
  private placeNewVisit(event: NormalisedEvent): {
    parent: VisitRecord | undefined;
    iterationIndex: number | undefined;
    previousSibling: VisitRecord | undefined;
    guessed: boolean;
  } {
    const previousId = event.previousEventId;
    const previousType = previousId === undefined ? undefined : this.eventTypeById.get(previousId);
    if (previousId !== undefined && previousType !== undefined) {
      const previousOwner = this.ownerById.get(previousId);
      if (SCOPE_OPENING_EVENTS.has(previousType)) {
        const iterationIndex = this.iterationIndexById.get(previousId);
        return { parent: previousOwner, iterationIndex, previousSibling: undefined, guessed: false };
      }
      if (previousOwner) {
        const { parent, iterationIndex } = previousOwner;
        return { parent, iterationIndex, previousSibling: previousOwner, guessed: false };
      }
      // The previous event is an execution event (ExecutionStarted, ExecutionRedriven): a top-level state.
      return { parent: undefined, iterationIndex: undefined, previousSibling: undefined, guessed: false };
    }
    if (previousId === 0) return { parent: undefined, iterationIndex: undefined, previousSibling: undefined, guessed: false };
    // The previous event is missing: assume the innermost Map/Parallel run still going.
    const parent = this.records.findLast((record) => record.open && isRunState(record) && hasRunningAttempt(record));
    return { parent, iterationIndex: undefined, previousSibling: undefined, guessed: true };
  }

  private readStateExited(event: NormalisedEvent): void {
    const name = stringField(event.details, 'name');
    const enteredType = event.type.replace(/Exited$/, 'Entered');
    const record = this.resolve(event, (candidate) =>
      name === undefined ? candidate.visit.enteredEventType === enteredType : candidate.visit.name === name,
    );
    if (!record) return;
    this.attribute(event, record);
    const { visit } = record;
    visit.exitedAt = event.timestamp;
    visit.exitedEventId = event.id;
    if (this.statePayloads && 'output' in event.details) visit.output = parsePayload(event.details['output']);
    const assigned = event.details['assignedVariables'];
    if (this.statePayloads && typeof assigned === 'object' && assigned !== null) {
      visit.assignedVariables = Object.fromEntries(Object.entries(assigned).map(([name, text]) => [name, parsePayload(text)]));
    }
    for (const child of record.children) this.closeSucceeded(child);
    record.open = false;

    const failure = this.pendingFailure(record);
    if (!failure) {
      visit.outcome = 'succeeded';
      return;
    }
    // A state only exits after an error when a catcher fired.
    visit.outcome = 'caught';
    record.awaitingCatchDestination = true;
    const lastAttempt = visit.attempts.at(-1);
    const fromOutput = errorOutputOf(this.statePayloads ? visit.output : parsePayload(event.details['output']));
    if (failure.error === undefined && fromOutput) {
      // Map/Parallel failures carry no error in the history; the catcher's default ResultPath shows it.
      assignError(failure, fromOutput);
      if (lastAttempt && lastAttempt.error === undefined) assignError(lastAttempt, fromOutput);
    }
    assignError(visit, failure);
  }

  private readStateAborted(event: NormalisedEvent): void {
    const enteredType = event.type === 'MapRunAborted' ? 'MapStateEntered' : event.type.replace(/Aborted$/, 'Entered');
    const record = this.resolve(event, (candidate) => candidate.visit.enteredEventType === enteredType);
    if (!record) return;
    this.attribute(event, record);
    this.closeFailed(record, { aborted: true });
  }

  /** The error a visit is carrying if it stopped now: its last attempt's, or an evaluation error. */
  private pendingFailure(record: VisitRecord): ErrorInfo | undefined {
    const lastAttempt = record.visit.attempts.at(-1);
    if (lastAttempt && (lastAttempt.result === 'failed' || lastAttempt.result === 'timedOut')) {
      const info: ErrorInfo = {};
      assignError(info, lastAttempt);
      return info;
    }
    if (record.evaluationError) return { ...record.evaluationError };
    return undefined;
  }

  /** Closes a visit whose exit is missing although its enclosing run or the execution succeeded. */
  private closeSucceeded(record: VisitRecord): void {
    if (!record.open) return;
    for (const child of record.children) this.closeSucceeded(child);
    record.open = false;
    const failure = this.pendingFailure(record);
    record.visit.outcome = failure ? 'caught' : 'succeeded';
    assignError(record.visit, failure);
  }

  /**
   * Closes a visit that never exited because an error ended it, or because it was stopped from outside.
   * `error` is the error known to have left the state (the execution's error, for a top-level state).
   */
  private closeFailed(record: VisitRecord, how: { aborted: boolean; error?: ErrorInfo }): void {
    if (!record.open) return;
    for (const child of record.children) this.closeFailed(child, { aborted: how.aborted });
    record.open = false;
    const { visit } = record;
    visit.outcome = 'failed';
    const failure = this.pendingFailure(record);
    const stillWorking = hasRunningAttempt(record) || record.kind === 'wait';
    const stopped = how.aborted || (!how.error && !failure && stillWorking);
    if (stopped) visit.aborted = true;
    const error = how.error ?? failure;
    assignError(visit, error);
    if (!stopped && error?.error !== undefined && record.parent) {
      record.parent.nestedFailures.push({ ...error, eventId: record.lastEventId });
    }
  }

  private readEvaluationFailed(event: NormalisedEvent): void {
    const stateName = stringField(event.details, 'state');
    const record = this.resolve(event, (candidate) => stateName === undefined || candidate.visit.name === stateName);
    if (!record) return;
    this.attribute(event, record);
    record.evaluationError = errorInfoOf(event.details);
  }

  // ---- Task attempts ------------------------------------------------------------------------------

  private newAttempt(record: VisitRecord, event: NormalisedEvent): AttemptObservation {
    const attempt: AttemptObservation = {
      attempt: record.visit.attempts.length + 1,
      scheduledEventId: event.id,
      scheduledEventType: event.type,
      scheduledAt: event.timestamp,
      result: 'running',
    };
    record.visit.attempts.push(attempt);
    return attempt;
  }

  private readTaskScheduled(event: NormalisedEvent): void {
    const record = this.resolve(event, (candidate) => candidate.kind === 'task');
    if (!record) return;
    this.attribute(event, record);
    const previous = record.visit.attempts.at(-1);
    // A retry was scheduled, so the previous attempt failed even if its failure event is missing.
    if (previous?.result === 'running') previous.result = 'failed';
    this.newAttempt(record, event);
  }

  private readTaskProgress(event: NormalisedEvent): void {
    const record = this.resolve(event, (candidate) => candidate.kind === 'task');
    if (!record) return;
    this.attribute(event, record);
    if (!hasRunningAttempt(record)) this.newAttempt(record, event);
  }

  private readTaskEnded(event: NormalisedEvent, result: 'succeeded' | 'failed' | 'timedOut'): void {
    const record = this.resolve(event, (candidate) => candidate.kind === 'task', hasRunningAttempt);
    if (!record) return;
    this.attribute(event, record);
    const running = record.visit.attempts.at(-1);
    const attempt = running?.result === 'running' ? running : this.newAttempt(record, event);
    attempt.result = result;
    attempt.endedAt = event.timestamp;
    attempt.endedEventId = event.id;
    attempt.endedEventType = event.type;
    if (result !== 'succeeded') assignError(attempt, errorInfoOf(event.details));
  }

  // ---- Map / Parallel runs ------------------------------------------------------------------------

  private readRunStarted(event: NormalisedEvent, kind: StateKind): void {
    const record = this.resolve(event, (candidate) => candidate.kind === kind && !candidate.runsFinished);
    if (!record) return;
    // A retried run has no Failed event of its own: the next run's start is what ends it.
    if (hasRunningAttempt(record)) this.endRun(record, 'failed', undefined);
    this.newAttempt(record, event);
    record.nestedFailures = [];
    this.attribute(event, record);
  }

  /** Distributed Map: a Map Run is the run, unless `MapStateStarted` already opened one. */
  private readMapRunStarted(event: NormalisedEvent): void {
    const record = this.resolve(event, (candidate) => candidate.kind === 'map' && !candidate.runsFinished);
    if (!record) return;
    if (!hasRunningAttempt(record)) {
      this.newAttempt(record, event);
      record.nestedFailures = [];
    }
    this.attribute(event, record);
  }

  private readRunEnded(event: NormalisedEvent, ended: { kind: StateKind; result: 'succeeded' | 'failed'; final: boolean }): void {
    const record = this.resolve(event, (candidate) => candidate.kind === ended.kind, hasRunningAttempt);
    if (!record) return;
    this.attribute(event, record);
    if (hasRunningAttempt(record)) {
      this.endRun(record, ended.result, event);
    } else if (record.visit.attempts.length === 0) {
      this.newAttempt(record, event);
      this.endRun(record, ended.result, event);
    }
    if (ended.final) record.runsFinished = true;
  }

  private endRun(record: VisitRecord, result: 'succeeded' | 'failed', event: NormalisedEvent | undefined): void {
    for (const child of record.children) {
      if (result === 'failed') this.closeFailed(child, { aborted: false });
      else this.closeSucceeded(child);
    }
    const attempt = record.visit.attempts.at(-1);
    if (!attempt || isEnded(attempt.result)) return;
    attempt.result = result;
    if (event) {
      attempt.endedAt = event.timestamp;
      attempt.endedEventId = event.id;
      attempt.endedEventType = event.type;
    } else if (record.lastActivityAt) {
      attempt.endedAt = record.lastActivityAt;
    }
    if (result === 'failed') {
      const ownError = event ? errorInfoOf(event.details) : {};
      const firstNested = record.nestedFailures.reduce<(ErrorInfo & { eventId: number }) | undefined>(
        (first, failure) => (first === undefined || failure.eventId < first.eventId ? failure : first),
        undefined,
      );
      assignError(attempt, ownError.error !== undefined ? ownError : firstNested);
    }
  }

  private readMapIteration(event: NormalisedEvent): void {
    const mapName = stringField(event.details, 'name');
    const record = this.resolve(
      event,
      (candidate) => candidate.kind === 'map' && (mapName === undefined || candidate.visit.name === mapName),
    );
    if (!record) return;
    this.attribute(event, record);
    const index = numberField(event.details, 'index');
    if (event.type === 'MapIterationStarted') {
      if (index !== undefined) this.iterationIndexById.set(event.id, index);
      return;
    }
    const iterationChildren = record.children.filter((child) => child.iterationIndex === index);
    for (const child of iterationChildren) {
      if (event.type === 'MapIterationSucceeded') this.closeSucceeded(child);
      else this.closeFailed(child, { aborted: event.type === 'MapIterationAborted' });
    }
  }

  // ---- execution ----------------------------------------------------------------------------------

  private readExecutionEnd(event: NormalisedEvent): void {
    const status = EXECUTION_TERMINAL_STATUS[event.type as keyof typeof EXECUTION_TERMINAL_STATUS];
    const { analysis } = this;
    analysis.status = status;
    delete analysis.error;
    delete analysis.cause;
    delete analysis.output;
    const errorInfo = errorInfoOf(event.details);
    assignError(analysis, errorInfo);
    if (status === 'SUCCEEDED') {
      if ('output' in event.details) analysis.output = parsePayload(event.details['output']);
      for (const record of this.records) this.closeSucceeded(record);
      return;
    }
    if (status === 'ABORTED') {
      for (const record of this.records) this.closeFailed(record, { aborted: true });
      return;
    }
    // FAILED / TIMED_OUT: the execution's error is the one that left each open top-level state.
    for (const record of this.records) {
      if (!record.open || record.parent) continue;
      const lastAttempt = record.visit.attempts.at(-1);
      if (
        status === 'FAILED' &&
        lastAttempt &&
        (lastAttempt.result === 'failed' || lastAttempt.result === 'timedOut') &&
        lastAttempt.error === undefined
      ) {
        assignError(lastAttempt, errorInfo);
      }
      this.closeFailed(record, { aborted: false, error: errorInfo });
    }
    for (const record of this.records) this.closeFailed(record, { aborted: false });
  }

  private readExecutionRedriven(): void {
    const { analysis } = this;
    analysis.status = 'RUNNING';
    delete analysis.error;
    delete analysis.cause;
    delete analysis.output;
  }
}
