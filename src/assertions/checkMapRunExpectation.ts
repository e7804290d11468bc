import type { MapRunExpectation } from '../scenarios/types.js';
import type { ExpectationFailure, MapRunObservation, StateVisit } from './types.js';
import { countOf } from './wording.js';

const COUNT_FIELDS = [
  ['total', 'total', 'child execution started'],
  ['succeeded', 'succeeded', 'succeeded child execution'],
  ['failed', 'failed', 'failed child execution'],
  ['timedOut', 'timedOut', 'timed-out child execution'],
  ['aborted', 'aborted', 'aborted child execution'],
] as const;

/**
 * Checks a Distributed Map visit's `mapRun:` against the Map Run of the visit's last attempt (the first
 * Map Run whose `MapRunStarted` comes after that attempt's `MapStateStarted`). Without Map Runs from the
 * target (`mapRuns` undefined) the expectation is not checkable; one failure per field that differs.
 *
 * @example
 * ```ts
 * checkMapRunExpectation(visit, 'states["Charge orders"]', 'states["Charge orders"]', { failed: 2 }, mapRuns);
 * // [{ path: 'states["Charge orders"].mapRun.failed', expected: 2, actual: 3,
 * //    message: 'states["Charge orders"]: expected 2 failed child executions in its Map Run, saw 3 (… MapRunStarted id 4)' }]
 * ```
 */
export function checkMapRunExpectation(
  visit: StateVisit,
  label: string,
  subject: string,
  expected: MapRunExpectation,
  mapRuns: readonly MapRunObservation[] | undefined,
): ExpectationFailure[] {
  const path = `${label}.mapRun`;
  if (mapRuns === undefined) {
    return [
      {
        path,
        expected,
        actual: null,
        message: `${subject}: mapRun: not checkable, this target does not report Map Runs (the local target does)`,
        notCheckable: true,
      },
    ];
  }
  const lastAttempt = visit.attempts[visit.attempts.length - 1];
  const after = lastAttempt?.scheduledEventId ?? visit.enteredEventId;
  const run = mapRuns
    .filter((candidate) => candidate.stateName === visit.name && candidate.startedEventId > after)
    .sort((a, b) => a.startedEventId - b.startedEventId)[0];
  if (run === undefined) {
    return [
      {
        path,
        expected,
        actual: null,
        message: `${subject}: expected a Map Run, but no MapRunStarted event follows its MapStateStarted (event id ${after})`,
      },
    ];
  }
  const where = `${run.mapRunArn}, MapRunStarted id ${run.startedEventId}`;
  const failures: ExpectationFailure[] = [];
  if (expected.status !== undefined && expected.status !== run.status) {
    failures.push({
      path: `${path}.status`,
      expected: expected.status,
      actual: run.status,
      message: `${subject}: expected its Map Run to be ${expected.status}, saw ${run.status} (${where})`,
    });
  }
  if (expected.items !== undefined && expected.items !== run.itemCount) {
    failures.push({
      path: `${path}.items`,
      expected: expected.items,
      actual: run.itemCount,
      message: `${subject}: expected its Map Run to read ${countOf(expected.items, 'item')}, saw ${run.itemCount} (${where})`,
    });
  }
  for (const [field, countField, noun] of COUNT_FIELDS) {
    const wanted = expected[field];
    const seen = run.executionCounts[countField];
    if (wanted === undefined || wanted === seen) continue;
    failures.push({
      path: `${path}.${field}`,
      expected: wanted,
      actual: seen,
      message: `${subject}: expected ${countOf(wanted, noun, noun.replace('execution', 'executions'))} in its Map Run, saw ${seen} (${describeCounts(run)}; ${where})`,
    });
  }
  return failures;
}

/** `20 child executions: 17 succeeded, 3 failed` (the non-zero counts). */
export function describeCounts(run: Pick<MapRunObservation, 'executionCounts'>): string {
  const { total, ...byEnding } = run.executionCounts;
  const parts = Object.entries(byEnding)
    .filter(([, count]) => count > 0)
    .map(([ending, count]) => `${count} ${ending === 'timedOut' ? 'timed out' : ending}`);
  return `${countOf(total, 'child execution')}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}
