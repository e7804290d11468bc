import { EnvVar } from '../../../injectors/constants.js';
import type { ArmingContext } from './ArmingContext.js';
import { disarmOrSay, undoFailedArming, type ArmedPlace } from './armingFailures.js';
import { armedVariables, armingWrite } from './environmentVariables.js';
import { readConfiguration, settled } from './functionConfiguration.js';
import type { FunctionState } from './FunctionState.js';
import { restoreEnvironment } from './restore.js';
import { updateEnvironment } from './updateEnvironment.js';

/**
 * Arms by writing `value` to the function's `SFN_CHAOS_CONFIG` environment variable, and returns the
 * disarm. A write that fails part-way is undone (or says where it may still be armed) before this throws.
 */
export async function armEnvironment(context: ArmingContext, state: FunctionState, value: string, expiresAt: string): Promise<() => Promise<void>> {
  const baseline = await settled(context, state);
  const before = { ...(baseline.Environment?.Variables ?? {}) };
  const armed = armedVariables(before, value);
  const place: ArmedPlace = {
    where: `the ${EnvVar.Config} environment variable of function ${state.fn.address}`,
    remedy: before[EnvVar.Config] === undefined ? `remove ${EnvVar.Config} from its environment` : `put back the ${EnvVar.Config} value it had before`,
    expiresAt,
  };
  const restore = (): Promise<void> => restoreEnvironment(context, state, before, armed);
  try {
    await updateEnvironment(context, state, armingWrite(armed, value));
  } catch (error) {
    await undoFailedArming(state, error, place, {
      inPlace: async () => {
        // A successful UpdateFunctionConfiguration answer is in state.latest; else its answer may have been lost.
        if (state.latest.Environment?.Variables?.[EnvVar.Config] === value) return true;
        state.latest = await readConfiguration(context, state);
        return state.latest.Environment?.Variables?.[EnvVar.Config] === value;
      },
      undo: restore,
    });
  }
  return () => disarmOrSay(state, place, restore);
}
