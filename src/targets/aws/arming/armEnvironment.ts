import { EnvVar } from '../../../injectors/constants.js';
import type { ArmingContext } from './ArmingContext.js';
import { disarmOrSay, undoFailedArming, type ArmedPlace } from './armingFailures.js';
import { armingWrite } from './environmentVariables.js';
import { readConfiguration, settled } from './functionConfiguration.js';
import type { FunctionState } from './FunctionState.js';
import { restoreEnvironment } from './restore.js';
import { updateEnvironment } from './updateEnvironment.js';

/**
 * Arms by writing `value` to the function's `SFN_CHAOS_CONFIG` environment variable, and returns the
 * disarm. The write starts from the configuration read just now (not the one read when the run started),
 * so a deploy made meanwhile is kept. A write that fails part-way is undone (or says where it may still be
 * armed) before this throws.
 */
export async function armEnvironment(
  context: ArmingContext,
  state: FunctionState,
  value: string,
  expiresAt: string,
): Promise<() => Promise<string[]>> {
  state.latest = await readConfiguration(context, state);
  await settled(context, state);
  const place: ArmedPlace = {
    where: `the ${EnvVar.Config} environment variable of function ${state.fn.address}`,
    // Read when a message needs it: a write rebased after a moved revision may have replaced another value.
    get remedy() {
      return state.replaced?.value === undefined
        ? `remove ${EnvVar.Config} from its environment`
        : `put back the ${EnvVar.Config} value it had before`;
    },
    expiresAt,
  };
  const restore = (): Promise<string[]> => restoreEnvironment(context, state);
  try {
    await updateEnvironment(context, state, armingWrite(state, value));
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
