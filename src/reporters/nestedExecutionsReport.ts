import { analyzeHistory } from '../assertions/index.js';
import type { StateVisit } from '../assertions/types.js';
import type { AsyncInvocation } from '../engine/api/types.js';
import type { ChildExecutionRecord } from '../targets/types.js';

/** A nested workflow's execution as the JSON report shows it: what it ended with, its states, not its whole history. */
export interface ChildExecutionReport {
  name: string;
  executionArn: string;
  stateMachineArn: string;
  status: string;
  startDate: string;
  stopDate: string;
  error?: string;
  cause?: string;
  /** Events in its history (the history itself is left out: a CI report of many children would grow large). */
  eventCount: number;
  /** Per state, one entry per visit, as for the scenario's own execution. */
  states: Record<string, unknown[]>;
  childExecutions?: ChildExecutionReport[];
}

/**
 * The JSON report's entries for the executions a scenario's execution started (`states:startExecution`),
 * nested ones under their parent. `statesOf` builds the per-state observations from a history's visits.
 *
 * @example
 * ```ts
 * childExecutionsReport(execution.childExecutions ?? [], statesReport);
 * // [{ name: 'child-run', status: 'FAILED', error: 'PaymentDeclined', eventCount: 9, states: { 'Charge card': [ … ] }, … }]
 * ```
 */
export function childExecutionsReport(
  children: readonly ChildExecutionRecord[],
  statesOf: (visits: StateVisit[]) => Record<string, unknown[]>,
): ChildExecutionReport[] {
  return children.map((child) => {
    const nested = child.childExecutions ?? [];
    return {
      name: child.name,
      executionArn: child.executionArn,
      stateMachineArn: child.stateMachineArn,
      status: child.status,
      startDate: child.startDate.toISOString(),
      stopDate: child.stopDate.toISOString(),
      ...(child.error === undefined ? {} : { error: child.error }),
      ...(child.cause === undefined ? {} : { cause: child.cause }),
      eventCount: child.events.length,
      states: statesOf(analyzeHistory(child.events).visits),
      ...(nested.length === 0 ? {} : { childExecutions: childExecutionsReport(nested, statesOf) }),
    };
  });
}

/**
 * The JSON report's entries for the `InvocationType: Event` invocations of a scenario: each with Lambda's
 * attempts, dates as ISO text.
 *
 * @example
 * ```ts
 * asyncInvocationsReport(execution.asyncInvocations ?? []);
 * // [{ stateName: 'Invoke', functionName: 'random-error', outcome: 'retriesExhausted', attempts: [{ attempt: 1, outcome: 'failed', … }], … }]
 * ```
 */
export function asyncInvocationsReport(invocations: readonly AsyncInvocation[]): Record<string, unknown>[] {
  return invocations.map((invocation) => ({
    stateName: invocation.stateName,
    functionName: invocation.functionName,
    functionArn: invocation.functionArn,
    requestId: invocation.requestId,
    queuedDate: invocation.queuedDate.toISOString(),
    outcome: invocation.outcome,
    attempts: invocation.attempts.map((attempt) => ({
      attempt: attempt.attempt,
      startDate: attempt.startDate.toISOString(),
      endDate: attempt.endDate.toISOString(),
      outcome: attempt.outcome,
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
      ...(attempt.cause === undefined ? {} : { cause: attempt.cause }),
    })),
  }));
}
