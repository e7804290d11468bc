import { EnvVar } from '../../../injectors/constants.js';

/** One environment write: the variables wanted, when a re-read shows it done, and what to send after the revision moved. */
export interface EnvironmentWrite {
  wanted: Record<string, string>;
  alreadyDone: (current: Record<string, string>) => boolean;
  rebase: (current: Record<string, string>) => Record<string, string>;
}

/** The variables found with `SFN_CHAOS_CONFIG` set to `value`. */
export function armedVariables(before: Record<string, string>, value: string): Record<string, string> {
  return { ...before, [EnvVar.Config]: value };
}

/** Arming: writes `armed`; done once `SFN_CHAOS_CONFIG` holds `value`; after a moved revision, `armed` again. */
export function armingWrite(armed: Record<string, string>, value: string): EnvironmentWrite {
  return { wanted: armed, alreadyDone: (current) => current[EnvVar.Config] === value, rebase: () => armed };
}

/**
 * Disarming: puts back exactly the variables found before arming; if someone else changed others
 * meanwhile, only `SFN_CHAOS_CONFIG` is put back. Done once it holds what it held before.
 */
export function restoringWrite(before: Record<string, string>, armed: Record<string, string>): EnvironmentWrite {
  return {
    wanted: before,
    alreadyDone: (current) => current[EnvVar.Config] === before[EnvVar.Config],
    rebase: (current) => {
      if (sameVariables(current, armed)) return before;
      const restored = { ...current };
      const original = before[EnvVar.Config];
      if (original === undefined) delete restored[EnvVar.Config];
      else restored[EnvVar.Config] = original;
      return restored;
    },
  };
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
