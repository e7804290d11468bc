import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { analyzeHistory } from '../assertions/index.js';
import { faultKindOf, isFaultKind } from '../injectors/faultKinds/index.js';
import type { FaultLedgerEntry } from '../injectors/ledger.js';
import type { FaultRule } from '../injectors/types.js';
import type { FailedAttemptOrigin } from './types.js';

/** A failed attempt of the history with what is needed to tie it to a fault-ledger line. */
export interface FailedAttempt
  extends Pick<
    FailedAttemptOrigin,
    'stateName' | 'visit' | 'attempt' | 'failureEventId' | 'failureEventType' | 'error' | 'afterSubmission' | 'awsRequestId'
  > {
  /** The Lambda function the attempt invoked (its name), when the scheduled event says so. */
  functionName: string | null;
}

/**
 * The error names Step Functions may report for an attempt that a fault of this rule broke, as its kind
 * in the fault-kind table says: an `error` fault's name, `Lambda.TooManyRequestsException` for
 * `throttle`, any of the limits a hang may hit for `timeout`; `latency` faults break nothing.
 *
 * @example
 * ```ts
 * errorNamesRaisedBy({ kind: 'error', errorName: 'PaymentError' }); // ['PaymentError']
 * ```
 */
export function errorNamesRaisedBy(rule: Pick<FaultRule, 'kind' | 'errorName'>): string[] {
  return faultKindOf(rule.kind).errorNamesRaised(rule);
}

/**
 * Map and Parallel visits: their runs fail because a state inside failed, so the failure is that nested
 * state's, which the list already holds; listing the run as well would blame the Map or Parallel for a
 * fault injected into its branch, and let the run take a ledger line meant for the Task.
 */
const COMPOSITE_ENTERED_EVENTS: ReadonlySet<string> = new Set(['ParallelStateEntered', 'MapStateEntered']);

/**
 * Lists the failed (and timed-out) Task attempts of a history in history order, with the function each
 * invoked and the request id its cause names. Map and Parallel runs are left out: the attempts inside them
 * are listed in their place.
 *
 * @example
 * ```ts
 * const failed = failedAttemptsOf(events).filter((attempt) => attempt.functionName === 'charge');
 * ```
 */
export function failedAttemptsOf(events: HistoryEvent[]): FailedAttempt[] {
  const byId = new Map<number, HistoryEvent>();
  for (const event of events) if (event.id !== undefined) byId.set(event.id, event);
  const failed: FailedAttempt[] = [];
  for (const visit of analyzeHistory(events).visits) {
    if (COMPOSITE_ENTERED_EVENTS.has(visit.enteredEventType)) continue;
    for (const attempt of visit.attempts) {
      if ((attempt.result !== 'failed' && attempt.result !== 'timedOut') || attempt.endedEventId === undefined) continue;
      failed.push({
        stateName: visit.name,
        visit: visit.visit,
        attempt: attempt.attempt,
        failureEventId: attempt.endedEventId,
        failureEventType: attempt.endedEventType ?? 'unknown',
        error: attempt.error ?? null,
        functionName: invokedFunctionName(byId.get(attempt.scheduledEventId)),
        awsRequestId: requestIdInCause(attempt.cause),
        afterSubmission: submittedBefore(byId, attempt.endedEventId, attempt.scheduledEventId),
      });
    }
  }
  return failed.sort((a, b) => a.failureEventId - b.failureEventId);
}

/**
 * Ties fault-ledger lines to the failed attempts they caused. A line whose `awsRequestId` is the one the
 * failure's cause names belongs to that attempt. The other lines are matched by position: per function,
 * lines in the order they were written go to the earliest unmatched failed attempt that fits (same error
 * name, and same state and attempt number where the line knows them). Each line explains at most one
 * attempt and each attempt is explained by at most one line.
 *
 * @example
 * ```ts
 * const origins = matchFaultLedger(failedAttemptsOf(events), ledgerLines);
 * const notInjected = origins.filter((origin) => !origin.injected);
 * ```
 */
export function matchFaultLedger(attempts: FailedAttempt[], ledger: FaultLedgerEntry[]): FailedAttemptOrigin[] {
  const matched = new Map<FailedAttempt, { line: FaultLedgerEntry; by: 'awsRequestId' | 'order' }>();
  const used = new Set<FaultLedgerEntry>();
  const failing = ledger.filter((line) => line.errorName !== null);

  const byRequestId = new Map(
    attempts.filter((attempt) => attempt.awsRequestId !== null).map((attempt) => [attempt.awsRequestId, attempt]),
  );
  for (const line of failing) {
    const attempt = line.awsRequestId === null ? undefined : byRequestId.get(line.awsRequestId);
    if (attempt && !matched.has(attempt) && fits(line, attempt)) {
      matched.set(attempt, { line, by: 'awsRequestId' });
      used.add(line);
    }
  }

  const inWrittenOrder = failing.filter((line) => !used.has(line)).sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const line of inWrittenOrder) {
    const attempt = attempts.find(
      (candidate) =>
        !matched.has(candidate) &&
        fits(line, candidate) &&
        // Both ids known and different: the line belongs to another invocation.
        (candidate.awsRequestId === null || line.awsRequestId === null || candidate.awsRequestId === line.awsRequestId),
    );
    if (attempt) matched.set(attempt, { line, by: 'order' });
  }

  return attempts.map((attempt) => {
    const match = matched.get(attempt);
    return {
      stateName: attempt.stateName,
      visit: attempt.visit,
      attempt: attempt.attempt,
      failureEventId: attempt.failureEventId,
      failureEventType: attempt.failureEventType,
      error: attempt.error,
      afterSubmission: attempt.afterSubmission,
      injected: match !== undefined,
      matchedBy: match?.by ?? null,
      faultId: match?.line.faultId ?? null,
      awsRequestId: match?.line.awsRequestId ?? attempt.awsRequestId,
    };
  });
}

/** Walks the failure's `previousEventId` chain back to its scheduled event, looking for `TaskSubmitted`. */
function submittedBefore(byId: ReadonlyMap<number, HistoryEvent>, failureEventId: number, scheduledEventId: number): boolean {
  let id = byId.get(failureEventId)?.previousEventId;
  while (id !== undefined && id > scheduledEventId) {
    const event = byId.get(id);
    if (!event) return false;
    if (event.type === 'TaskSubmitted') return true;
    id = event.previousEventId;
  }
  return false;
}

function fits(line: FaultLedgerEntry, attempt: FailedAttempt): boolean {
  if (line.errorName === null || attempt.error === null) return false;
  // The names the history may show for the line's error (a hang may end with any of several limits);
  // a line of a kind this version does not know stands for its own error name alone.
  const raised = isFaultKind(line.kind) ? faultKindOf(line.kind).errorNamesRaised({ errorName: line.errorName }) : [line.errorName];
  // A line also stands for the error it names: a service Task's fault names the service's own error.
  if (!raised.includes(attempt.error) && line.errorName !== attempt.error) return false;
  if (line.functionName !== null && attempt.functionName !== null && line.functionName !== attempt.functionName) return false;
  if (line.stateName !== null && line.stateName !== attempt.stateName) return false;
  if (line.attempt !== null && line.attempt !== attempt.attempt) return false;
  return true;
}

/**
 * The function name behind a Task's scheduled event: the `resource` ARN of `LambdaFunctionScheduled`, or
 * `FunctionName` in the `parameters` of a `TaskScheduled` of the Lambda integration (a name, a full or
 * partial ARN, possibly with a version or alias).
 */
function invokedFunctionName(event: HistoryEvent | undefined): string | null {
  if (!event) return null;
  const lambda = event.lambdaFunctionScheduledEventDetails as { resource?: unknown } | undefined;
  if (typeof lambda?.resource === 'string') return functionNameOf(lambda.resource);
  const task = event.taskScheduledEventDetails as { resourceType?: unknown; parameters?: unknown } | undefined;
  if (task?.resourceType !== 'lambda') return null;
  const parameters =
    typeof task.parameters === 'string' ? parseObject(task.parameters) : (task.parameters as Record<string, unknown> | undefined);
  const reference = parameters?.['FunctionName'];
  return typeof reference === 'string' ? functionNameOf(reference) : null;
}

/** `arn:aws:lambda:r:a:function:name:alias`, `a:function:name` or `name:alias` → `name`. */
export function functionNameOf(reference: string): string {
  const afterFunction = /(?:^|:)function:([^:]+)/.exec(reference)?.[1];
  return afterFunction ?? reference.split(':')[0] ?? reference;
}

/**
 * The request id in an error cause: a Lambda error payload's `requestId`, `RequestId: <id>` in a timeout
 * message, or `Request ID: <id>` in a service error's cause.
 */
function requestIdInCause(cause: string | undefined): string | null {
  if (cause === undefined) return null;
  const parsed = parseObject(cause);
  if (typeof parsed?.['requestId'] === 'string') return parsed['requestId'];
  return /Request ?I[Dd]:\s*([0-9A-Fa-f-]{36})/.exec(cause)?.[1] ?? null;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
