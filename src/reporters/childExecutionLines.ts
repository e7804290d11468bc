import type { ChildExecutionRecord } from '../targets/types.js';

/** Lines the console gives a scenario's child executions at most; the JSON report has them all. */
const MAX_CHILD_LINES = 10;

/**
 * The console's lines for the executions a scenario's execution started (`states:startExecution`): one
 * per child, in start order, with its state machine, status and error; a child's own children indented
 * under it. Past {@link MAX_CHILD_LINES} lines, one line counts the rest.
 *
 * @example
 * ```ts
 * childExecutionLines(execution.childExecutions ?? []);
 * // ['    child execution 1b9c… (nested-orders-payment): FAILED PaymentDeclined', …]
 * ```
 */
export function childExecutionLines(children: readonly ChildExecutionRecord[]): string[] {
  const lines: string[] = [];
  let total = 0;
  const visit = (records: readonly ChildExecutionRecord[], depth: number): void => {
    for (const child of records) {
      total += 1;
      if (lines.length < MAX_CHILD_LINES) {
        const machine = child.stateMachineArn.split(':stateMachine:')[1] ?? child.stateMachineArn;
        const error = child.error === undefined ? '' : ` ${child.error}`;
        lines.push(`${'    '.repeat(depth + 1)}child execution ${child.name} (${machine}): ${child.status}${error}`);
      }
      visit(child.childExecutions ?? [], depth + 1);
    }
  };
  visit(children, 0);
  if (total > lines.length) lines.push(`    … and ${total - lines.length} more child executions (all of them in the JSON report)`);
  return lines;
}
