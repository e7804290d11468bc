import { BranchFailure, type BranchGroup } from '../../runtime/BranchGroup.js';
import type { CompositeAttempt } from './runCompositeAttempts.js';

/**
 * Waits for every branch (Parallel) or iteration (Map) of an attempt; when one failed, the failed attempt
 * its state's Retry and Catch then judge, else undefined. Anything but a branch failure propagates.
 *
 * @example
 * ```ts
 * const failed = await branchesFailure(group);
 * if (failed) return failed;
 * ```
 */
export async function branchesFailure(group: Pick<BranchGroup, 'wait'>): Promise<Extract<CompositeAttempt, { ok: false }> | undefined> {
  try {
    await group.wait();
    return undefined;
  } catch (error) {
    if (!(error instanceof BranchFailure)) throw error;
    return { ok: false, error: error.error, cause: error.failureCause, sourceEventId: error.sourceEventId, uncatchable: error.uncatchable };
  }
}
