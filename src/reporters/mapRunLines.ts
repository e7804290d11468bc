import { describeCounts } from '../assertions/checkMapRunExpectation.js';
import type { MapRunObservation } from '../assertions/types.js';

/**
 * One line per Map Run of a scenario's Distributed Map states: its state, status, items read and child
 * executions by how they ended; counts only, so a 10,000-item run stays one line (the console, JUnit
 * and HTML reports share it).
 *
 * @example
 * ```ts
 * mapRunLines(execution.mapRuns ?? []);
 * // ['Map Run of "Charge orders": SUCCEEDED, 20 items, 20 child executions: 18 succeeded, 2 failed']
 * ```
 */
export function mapRunLines(runs: readonly MapRunObservation[]): string[] {
  return runs.map(
    (run) =>
      `Map Run of ${JSON.stringify(run.stateName)}: ${run.status}, ${run.itemCount} ${run.itemCount === 1 ? 'item' : 'items'}, ${describeCounts(run)}`,
  );
}
