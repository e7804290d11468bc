import { StatesErrorName } from '../engine/index.js';
import { itemReaderSourcesOf } from '../scenarios/itemReaderObjects.js';
import type { FailingState } from './types.js';

/**
 * The plan's note on a Distributed Map whose ItemReader reads S3: which object (or prefix) it reads, and
 * that a local run reads it from the scenario file's `s3Objects:`. Given on the row of
 * `States.ItemReaderFailed` when the state's rules name it, else on the `States.ALL` row.
 *
 * @example
 * ```ts
 * distributedMapNotes(state, 'States.ALL', ['States.ALL']);
 * // ['its ItemReader reads s3://orders/today.csv (s3:getObject); a local run reads it from s3Objects: in the scenario file, and without one the Map Run fails with States.ItemReaderFailed, as on AWS for a missing object']
 * ```
 */
export function distributedMapNotes(state: FailingState, errorName: string, plannedErrors: readonly string[]): string[] {
  if (state.type !== 'Map') return [];
  const noteRow = plannedErrors.includes(StatesErrorName.ItemReaderFailed) ? StatesErrorName.ItemReaderFailed : StatesErrorName.All;
  if (errorName !== noteRow) return [];
  const source = itemReaderSourcesOf({ States: { [state.name]: state.state } }).find((candidate) => candidate.stateName === state.name);
  if (source === undefined) return [];
  const what = source.uri ?? 'an object named at run time (Bucket or Key is not a literal)';
  return [
    `its ItemReader reads ${what} (${source.action}); a local run reads it from s3Objects: in the scenario file, and without one the Map Run fails with States.ItemReaderFailed, as on AWS for a missing object`,
  ];
}
