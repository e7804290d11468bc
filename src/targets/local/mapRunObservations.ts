import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { MapRunResult } from '../../engine/api/types.js';
import type { MapRunObservation } from '../../assertions/types.js';

/**
 * The local engine's Map Runs as a scenario's result reports them: status and counts only (not the
 * child executions, which a 10,000-item run would make huge), tied to their `MapRunStarted` event.
 *
 * @example
 * ```ts
 * mapRunObservationsOf(result.events, result.mapRuns ?? []);
 * // [{ mapRunArn: 'arn:…:mapRun:…', stateName: 'Charge orders', startedEventId: 4, status: 'SUCCEEDED', itemCount: 20, executionCounts: {…} }]
 * ```
 */
export function mapRunObservationsOf(events: readonly HistoryEvent[], runs: readonly MapRunResult[]): MapRunObservation[] {
  // Most executions start no Map Run: their history is not read at all.
  if (runs.length === 0) return [];
  const startedIds = new Map<string, number>();
  for (const event of events) {
    const arn = event.mapRunStartedEventDetails?.mapRunArn;
    if (event.type === 'MapRunStarted' && arn !== undefined && event.id !== undefined) startedIds.set(arn, event.id);
  }
  return runs.map((run) => ({
    mapRunArn: run.mapRunArn,
    stateName: run.stateName,
    startedEventId: startedIds.get(run.mapRunArn) ?? 0,
    status: run.status,
    itemCount: run.itemCount,
    executionCounts: { ...run.childExecutions },
  }));
}
