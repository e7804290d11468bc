import type { ExploreReport, ExploreRow } from './exploreTypes.js';

/** Statuses that mean the workflow did not recover, worst first: the matrix lists these rows first. */
const NOT_RECOVERED = ['ERROR', 'FAILED', 'TIMED_OUT', 'ABORTED', 'RUNNING'] as const;

/**
 * The rows in the order the console and HTML show them: executions that did not recover first (ERROR,
 * FAILED, TIMED_OUT, ABORTED), then the others, each group in case order.
 *
 * @example
 * ```ts
 * rowsFailuresFirst(report.rows)[0]?.status; // 'FAILED'
 * ```
 */
export function rowsFailuresFirst(rows: readonly ExploreRow[]): ExploreRow[] {
  const rank = (row: ExploreRow): number => {
    const index = (NOT_RECOVERED as readonly string[]).indexOf(row.status);
    return index < 0 ? NOT_RECOVERED.length : index;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
    .map(({ row }) => row);
}

/** Whether a row's execution ended other than SUCCEEDED. */
export function isFailureRow(row: ExploreRow): boolean {
  return row.status !== 'SUCCEEDED';
}

/** The totals the console, JSON and HTML reports show. */
export interface ExploreTotals {
  cases: number;
  byStatus: Record<string, number>;
  /** The longest virtual time an execution that SUCCEEDED took, and its case: the worst-case time to recover. */
  worstRecovery: { seconds: number; case: string } | null;
  /** Every catcher destination reached, with how many cases reached it. */
  catchers: Record<string, number>;
}

/**
 * Totals of an exploration's rows.
 *
 * @example
 * ```ts
 * exploreTotals(report).worstRecovery; // { seconds: 70, case: 'asteroids: Download Exoplanets: HTTPError on every attempt' }
 * ```
 */
export function exploreTotals(report: Pick<ExploreReport, 'rows'>): ExploreTotals {
  const byStatus: Record<string, number> = {};
  const catchers: Record<string, number> = {};
  let worstRecovery: ExploreTotals['worstRecovery'] = null;
  for (const row of report.rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    for (const caught of new Set(row.caught)) catchers[caught] = (catchers[caught] ?? 0) + 1;
    if (row.status === 'SUCCEEDED' && (worstRecovery === null || row.virtualSeconds > worstRecovery.seconds))
      worstRecovery = { seconds: row.virtualSeconds, case: row.name };
  }
  return { cases: report.rows.length, byStatus, worstRecovery, catchers };
}
