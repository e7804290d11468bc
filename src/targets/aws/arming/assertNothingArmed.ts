import { TargetError } from '../../../errors.js';
import { EnvVar } from '../../../injectors/constants.js';
import type { ChaosConfig } from '../../../injectors/types.js';
import type { FunctionState } from './FunctionState.js';

/** A scenario expecting an unarmed function must not run on faults someone left armed and unexpired. */
export function assertNothingArmed(state: FunctionState): void {
  if (state.fn.ssmParameter !== undefined) return; // SSM content is checked when written; an unarmed scenario does not read it
  const raw = state.latest.Environment?.Variables?.[EnvVar.Config];
  if (!raw) return;
  try {
    const config = JSON.parse(raw) as ChaosConfig;
    if (config.faults.length > 0 && (config.expiresAt === undefined || Date.parse(config.expiresAt) > Date.now())) {
      throw new TargetError(
        `function ${state.fn.address} already has faults armed in ${EnvVar.Config} (expires ${config.expiresAt ?? 'never'}); remove them or wait until they expire`,
      );
    }
  } catch (error) {
    if (error instanceof TargetError) throw error;
  }
}
