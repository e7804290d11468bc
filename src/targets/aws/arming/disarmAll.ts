import { TargetError } from '../../../errors.js';
import type { ArmingHold } from './leases.js';

/** Runs every release, the last acquired first, even when one fails, then reports the failures together. */
export async function disarmAll(holds: ArmingHold[]): Promise<void> {
  const problems: string[] = [];
  for (const hold of [...holds].reverse()) {
    try {
      await hold.release();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new TargetError(`could not disarm every function, check them now: ${problems.join('; ')}`);
}
