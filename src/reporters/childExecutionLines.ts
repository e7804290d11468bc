import { readFaultLedgerEntry } from '../injectors/index.js';
import type { ChildExecutionRecord } from '../targets/types.js';

/** Lines the console gives a scenario's child executions at most; the JSON report has them all. */
const MAX_CHILD_LINES = 10;

/**
 * The console's lines for the executions a scenario's execution started (`states:startExecution`): one
 * per child, in start order, with its state machine, status and error, and the faults that fired inside it
 * (fault-ledger lines with its execution ARN: state and kind); a child's own children indented under it.
 * Past {@link MAX_CHILD_LINES} lines, one line counts the rest.
 *
 * @example
 * ```ts
 * childExecutionLines(execution.childExecutions ?? [], result.injectedFaults);
 * // ['    child execution 1b9c… (nested-orders-payment): FAILED PaymentDeclined; injected: Charge card error', …]
 * ```
 */
export function childExecutionLines(
  children: readonly ChildExecutionRecord[],
  injectedFaults: readonly Record<string, unknown>[] = [],
): string[] {
  const firedIn = new Map<string, string[]>();
  for (const line of injectedFaults) {
    const entry = readFaultLedgerEntry(line);
    if (entry?.executionArn === null || entry?.executionArn === undefined) continue;
    const fired = firedIn.get(entry.executionArn) ?? [];
    fired.push(`${entry.stateName ?? entry.functionName ?? '?'} ${entry.kind}`);
    firedIn.set(entry.executionArn, fired);
  }
  const lines: string[] = [];
  let total = 0;
  const visit = (records: readonly ChildExecutionRecord[], depth: number): void => {
    for (const child of records) {
      total += 1;
      if (lines.length < MAX_CHILD_LINES) {
        const machine = child.stateMachineArn.split(':stateMachine:')[1] ?? child.stateMachineArn;
        const error = child.error === undefined ? '' : ` ${child.error}`;
        const fired = firedIn.get(child.executionArn);
        const injected = fired === undefined ? '' : `; injected: ${countedList(fired)}`;
        lines.push(`${'    '.repeat(depth + 1)}child execution ${child.name} (${machine}): ${child.status}${error}${injected}`);
      }
      visit(child.childExecutions ?? [], depth + 1);
    }
  };
  visit(children, 0);
  if (total > lines.length) lines.push(`    … and ${total - lines.length} more child executions (all of them in the JSON report)`);
  return lines;
}

/** `Record payment throttle ×3, Charge card error`: each distinct entry once, in first-seen order, with its count. */
function countedList(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => (count === 1 ? item : `${item} ×${count}`)).join(', ');
}
