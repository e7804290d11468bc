import { DescribeMapRunCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { MapRunObservation } from '../../../assertions/types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';
import { failedCall } from '../clients/describeAwsError.js';

/** What reading an execution's Map Runs gave: each one, or (when DescribeMapRun failed) why none. */
export type MapRunsRead = { mapRuns: MapRunObservation[] } | { problem: string };

/**
 * The Map Runs an execution's history started (each `MapRunStarted`), read with DescribeMapRun once the
 * execution ended: status, items read (`itemCounts.total`) and child executions by how they ended
 * (`executionCounts`), for `mapRun:` expectations. The state is the one whose `MapStateEntered` the
 * `MapRunStarted` follows. A failed call gives one line saying so (the expectations are then not checkable).
 *
 * @example
 * ```ts
 * const read = await readMapRuns(context, execution.events, signal);
 * if ('mapRuns' in read) read.mapRuns[0]?.executionCounts.failed; // 10
 * ```
 */
export async function readMapRuns(context: AwsCallContext, events: readonly HistoryEvent[], signal?: AbortSignal): Promise<MapRunsRead> {
  const mapRuns: MapRunObservation[] = [];
  for (const started of mapRunsStarted(events)) {
    try {
      const run = await callAws(
        () => context.clients.sfn.send(new DescribeMapRunCommand({ mapRunArn: started.mapRunArn }), signal ? { abortSignal: signal } : {}),
        context.retry,
        signal,
        { pacer: context.pacers.DescribeMapRun },
      );
      const counts = run.executionCounts;
      mapRuns.push({
        mapRunArn: started.mapRunArn,
        stateName: started.stateName,
        startedEventId: started.eventId,
        status: run.status ?? 'RUNNING',
        itemCount: run.itemCounts?.total ?? 0,
        executionCounts: {
          total: counts?.total ?? 0,
          succeeded: counts?.succeeded ?? 0,
          failed: counts?.failed ?? 0,
          timedOut: counts?.timedOut ?? 0,
          aborted: counts?.aborted ?? 0,
        },
      });
    } catch (error) {
      return { problem: `${failedCall('DescribeMapRun', `Map Run ${started.mapRunArn}`, error)}; mapRun: expectations are not checkable` };
    }
  }
  return { mapRuns };
}

/** Each `MapRunStarted` with its Map Run ARN and the state whose `MapStateEntered` came last before it in its chain. */
function mapRunsStarted(events: readonly HistoryEvent[]): Array<{ mapRunArn: string; stateName: string; eventId: number }> {
  const byId = new Map(events.map((event) => [event.id, event]));
  const started: Array<{ mapRunArn: string; stateName: string; eventId: number }> = [];
  for (const event of events) {
    const mapRunArn = event.mapRunStartedEventDetails?.mapRunArn;
    if (event.type !== 'MapRunStarted' || mapRunArn === undefined || event.id === undefined) continue;
    let cursor = byId.get(event.previousEventId);
    while (cursor !== undefined && cursor.type !== 'MapStateEntered') cursor = byId.get(cursor.previousEventId);
    started.push({ mapRunArn, stateName: cursor?.stateEnteredEventDetails?.name ?? '', eventId: event.id });
  }
  return started;
}
