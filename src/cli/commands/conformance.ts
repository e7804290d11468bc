import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { ExitCode } from '../../errors.js';
import { formatSideBySide, GAP_TOLERANCE_SECONDS } from '../../conformance/compareHistories.js';
import { loadRecordedCase, recordedCaseDirs } from '../../conformance/recordedCase.js';
import { replayRecordedCase } from '../../conformance/replayCase.js';
import { formatSeconds } from '../../assertions/wording.js';
import { UsageError } from '../UsageError.js';

export interface ConformanceCommandOptions {
  /** A folder of recorded cases (`chaos run --target aws --record DIR`, or the AWS-recorded oracle), or one case folder. */
  dir: string;
}

/**
 * `chaos conformance DIR`: replays every recorded case on the local engine and compares the histories
 * event for event; prints the first difference of each case with both events side by side, then
 * "N of M cases match". Exit code 1 when any case differs.
 *
 * @example
 * ```ts
 * await conformanceCommand({ dir: 'recordings' }); // 0 when every case matches
 * ```
 */
export async function conformanceCommand(options: ConformanceCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const root = resolve(options.dir);
  if (!existsSync(root)) throw new UsageError(`no folder ${options.dir}`);
  const dirs = recordedCaseDirs(root);
  if (dirs.length === 0) throw new UsageError(`no recorded case in ${options.dir} (a case is a folder with definition.json and meta.json)`);
  let matching = 0;
  for (const dir of dirs) {
    const outcome = await replayRecordedCase(loadRecordedCase(dir));
    if (outcome.difference === undefined) {
      matching++;
      out.write(`✓ ${outcome.name}${outcome.comparedBy === 'last event' ? ' (no history: last event and output)' : ''}\n`);
      continue;
    }
    const { difference } = outcome;
    out.write(`✗ ${outcome.name}: first difference at event ${difference.index + 1}: ${difference.message}\n`);
    out.write(`${formatSideBySide(difference.recorded, difference.local)}\n\n`);
  }
  out.write(
    `${matching} of ${dirs.length} cases match (types, ids, previousEventId, details; gaps between events within ${formatSeconds(GAP_TOLERANCE_SECONDS, { spaced: true })} where the recording has timestamps)\n`,
  );
  return matching === dirs.length ? ExitCode.Passed : ExitCode.ExpectationFailed;
}
