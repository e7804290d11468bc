import { formatSeconds, roundToMilliseconds } from '../assertions/wording.js';
import { formatLocated } from '../errors.js';
import type { DefinitionLocator } from '../sources/loadDefinition.js';
import type { ErrorPlan, PlanLint, PlannedWait, RetryPlan } from './types.js';

/**
 * The plan as console text: one table per state (error, attempts, backoff, worst-case wait, where
 * the error goes), then the warnings, each with file:line when `locate` is given.
 *
 * @example
 * ```ts
 * process.stdout.write(formatRetryPlan(buildRetryPlan(definition)));
 * // Download Exoplanets (Task)
 * //   error                          attempts  retrier   backoff (s)   worst-case wait  then
 * //   HTTPError                      4         Retry[0]  10, 20, 40    70 s             caught by Catch[1] → ErrorState
 * ```
 */
export function formatRetryPlan(plan: RetryPlan, locate?: DefinitionLocator): string {
  const blocks: string[] = [];
  if (plan.states.length === 0) blocks.push('no Task, Parallel or Map state: nothing can fail and retry');
  for (const state of plan.states) {
    const where = state.enclosingState === undefined ? '' : `, inside ${state.enclosingState}`;
    const rows = state.errors.map((row) => [
      row.label,
      String(row.attempts),
      row.retrierIndex === null ? '—' : `Retry[${row.retrierIndex}]`,
      formatWaits(row),
      formatSeconds(row.worstCaseRetryWaitSeconds, { spaced: true, unknown: 'unbounded' }),
      formatDestination(row),
    ]);
    const table = alignColumns([['error', 'attempts', 'retrier', 'backoff (s)', 'worst-case wait', 'then'], ...rows]);
    const notes = state.errors.flatMap((row) => row.notes.map((note) => `  note (${row.errorName}): ${note}`));
    blocks.push([`${state.name} (${state.type}${where})`, ...table.map((line) => `  ${line}`), ...notes].join('\n'));
  }
  blocks.push(formatLints(plan.lints, locate));
  return `${blocks.join('\n\n')}\n`;
}

/** The warnings as lines: `file:line:column: States["X"].Retry[1]: message [code]`. */
export function formatLints(lints: readonly PlanLint[], locate?: DefinitionLocator): string {
  if (lints.length === 0) return 'no warnings';
  const lines = lints.map((lint) => {
    const location = locate === undefined ? undefined : safeLocate(locate, lint);
    return `  ${formatLocated(`${lint.field}: ${lint.message} [${lint.code}]`, location)}`;
  });
  return [`${lints.length} ${lints.length === 1 ? 'warning' : 'warnings'}`, ...lines].join('\n');
}

function safeLocate(locate: DefinitionLocator, lint: PlanLint): ReturnType<DefinitionLocator> | undefined {
  try {
    return locate(lint.path);
  } catch {
    // A location is a convenience; a path the locator cannot follow still gets its warning.
    return undefined;
  }
}

function formatWaits(row: ErrorPlan): string {
  if (row.backoff.length === 0) return '—';
  const listed = row.backoff.map(formatWait).join(', ');
  return row.waitsTruncated ? `${listed}, … (${row.attempts - 1} in all)` : listed;
}

function formatWait(wait: PlannedWait): string {
  return typeof wait === 'number' ? String(roundToMilliseconds(wait)) : `${roundToMilliseconds(wait.min)}–${roundToMilliseconds(wait.max)}`;
}

function formatDestination(row: ErrorPlan): string {
  if (row.catchDestination !== null) return `caught by Catch[${row.catcherIndex ?? '?'}] → ${row.catchDestination}`;
  return row.uncaughtEffect;
}

function alignColumns(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '));
}
