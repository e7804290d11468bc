import { describe, expect, it } from '@jest/globals';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { analyzeHistory, checkExpectations, type MapRunObservation } from '../../src/assertions/index.js';
import type { Located } from '../../src/scenarios/types.js';

const at: Located = { file: 'scenarios.yaml', line: 1, column: 1 };
const t = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

/** A Distributed Map retried once (the engine's shape): two attempts, each with its Map Run (MapRunStarted ids 4 and 7). */
const events: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: t(0), type: 'ExecutionStarted' },
  { id: 2, previousEventId: 0, timestamp: t(0), type: 'MapStateEntered', stateEnteredEventDetails: { name: 'Each' } },
  { id: 3, previousEventId: 2, timestamp: t(0), type: 'MapStateStarted', mapStateStartedEventDetails: { length: 0 } },
  { id: 4, previousEventId: 3, timestamp: t(0), type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: 'arn:run:1' } },
  {
    id: 5,
    previousEventId: 4,
    timestamp: t(1),
    type: 'MapRunFailed',
    mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold' },
  },
  { id: 6, previousEventId: 5, timestamp: t(2), type: 'MapStateStarted', mapStateStartedEventDetails: { length: 0 } },
  { id: 7, previousEventId: 6, timestamp: t(2), type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: 'arn:run:2' } },
  { id: 8, previousEventId: 7, timestamp: t(3), type: 'MapRunSucceeded' },
  { id: 9, previousEventId: 8, timestamp: t(3), type: 'MapStateSucceeded' },
  { id: 10, previousEventId: 9, timestamp: t(3), type: 'MapStateExited', stateExitedEventDetails: { name: 'Each', output: '[]' } },
  { id: 11, previousEventId: 10, timestamp: t(3), type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '[]' } },
];

const run = (id: number, startedEventId: number, status: MapRunObservation['status'], failed: number): MapRunObservation => ({
  mapRunArn: `arn:run:${id}`,
  stateName: 'Each',
  startedEventId,
  status,
  itemCount: 4,
  executionCounts: { total: 4, succeeded: 4 - failed, failed, timedOut: 0, aborted: 0 },
});
const mapRuns = [run(1, 4, 'FAILED', 1), run(2, 7, 'SUCCEEDED', 0)];

describe('mapRun: expectations', () => {
  it("are checked against the Map Run of the visit's last attempt", () => {
    const expectation = { states: { Each: { mapRun: { status: 'SUCCEEDED' as const, failed: 0, items: 4 }, at } }, at };
    expect(checkExpectations(analyzeHistory(events), expectation, { mapRuns })).toEqual([]);
  });

  it('fail per field with the counts and the MapRunStarted event named', () => {
    const expectation = { states: { Each: { mapRun: { status: 'FAILED' as const, failed: 1 }, at } }, at };
    expect(checkExpectations(analyzeHistory(events), expectation, { mapRuns }).map((failure) => failure.message)).toEqual([
      'states["Each"]: expected its Map Run to be FAILED, saw SUCCEEDED (arn:run:2, MapRunStarted id 7)',
      'states["Each"]: expected 1 failed child execution in its Map Run, saw 0 (4 child executions: 4 succeeded; arn:run:2, MapRunStarted id 7)',
    ]);
  });

  it('are not checkable when the target reports no Map Runs', () => {
    const expectation = { states: { Each: { mapRun: { failed: 0 }, at } }, at };
    const [failure] = checkExpectations(analyzeHistory(events), expectation);
    expect(failure).toMatchObject({ path: 'states["Each"].mapRun', notCheckable: true });
    expect(failure?.message).toBe('states["Each"]: mapRun: not checkable, this target does not report Map Runs (the local target does)');
  });
});
