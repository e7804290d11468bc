import type { ArmingContext } from './ArmingContext.js';
import { disarmOrSay, undoFailedArming, type ArmedPlace } from './armingFailures.js';
import type { FunctionState } from './FunctionState.js';
import { restoreParameter } from './restore.js';
import { parameterHolds, readParameter, writeParameter } from './ssmParameter.js';

/**
 * Arms by writing `value` to the SSM parameter `name` the function's injector reads, and returns the
 * disarm. A write that fails part-way is undone (or says where it may still be armed) before this throws.
 */
export async function armParameter(
  context: ArmingContext,
  state: FunctionState,
  name: string,
  value: string,
  expiresAt: string,
): Promise<() => Promise<string[]>> {
  const before = await readParameter(context, state, name);
  const place: ArmedPlace = {
    where: `SSM parameter ${name} (read by function ${state.fn.address})`,
    remedy: before ? 'put back the value that parameter had before' : 'delete that parameter',
    expiresAt,
  };
  const restore = (): Promise<string[]> => restoreParameter(context, state, name, before);
  try {
    await writeParameter(context, state, name, value, before?.type ?? 'String');
  } catch (error) {
    // PutParameter may have taken effect even though its answer was lost (a 5xx, a broken connection).
    await undoFailedArming(state, error, place, {
      inPlace: () => parameterHolds(context, name, value),
      undo: restore,
    });
  }
  return () => disarmOrSay(state, place, restore);
}
