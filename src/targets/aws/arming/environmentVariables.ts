import { EnvVar } from '../../../injectors/constants.js';
import type { FunctionState } from './FunctionState.js';

/**
 * One environment write, computed afresh from the variables just read each time it is sent: first from
 * the configuration read before it, then, after `PreconditionFailedException` (the revision moved), from
 * the one read again. `next` answers the variables to send, or undefined when there is nothing to send.
 */
export interface EnvironmentWrite {
  next: (current: Record<string, string>) => Record<string, string> | undefined;
}

/**
 * Arming: the variables found, whoever wrote them, with `SFN_CHAOS_CONFIG` set to `value`; nothing to send
 * once it holds `value`. Records what `SFN_CHAOS_CONFIG` held before (unless that was a value of this run's,
 * as when a later `expiresAt` is written over the first), for the disarm to put back.
 */
export function armingWrite(state: FunctionState, value: string): EnvironmentWrite {
  return {
    next: (current) => {
      const found = current[EnvVar.Config];
      if (found === value) return undefined;
      if (found === undefined || !state.written.has(found)) state.replaced = { value: found };
      // Recorded before sending: an answer lost on the way back may still have put it in place.
      state.written.add(value);
      return { ...current, [EnvVar.Config]: value };
    },
  };
}

/**
 * Disarming: the variables found, whoever wrote them, with only `SFN_CHAOS_CONFIG` changed back: removed
 * when the run found none, else set to the value it replaced. Nothing to send when it already holds that,
 * or when it holds a value this run did not write: someone changed it, so it is left alone and `warn` says so.
 */
export function restoringWrite(state: FunctionState, warn: (message: string) => void): EnvironmentWrite {
  return {
    next: (current) => {
      const found = current[EnvVar.Config];
      const original = state.replaced?.value;
      if (found === original) return undefined;
      if (found === undefined || !state.written.has(found)) {
        warn(
          `${EnvVar.Config} of function ${state.fn.address} no longer holds what this run wrote (someone changed it while it was armed): it was left as it is; check it now`,
        );
        return undefined;
      }
      const restored = { ...current };
      if (original === undefined) delete restored[EnvVar.Config];
      else restored[EnvVar.Config] = original;
      return restored;
    },
  };
}
