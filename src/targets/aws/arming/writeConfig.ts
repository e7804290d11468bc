import { parseChaosConfig } from '../../../injectors/parseChaosConfig.js';
import type { ChaosConfig } from '../../../injectors/types.js';
import type { ArmingContext } from './ArmingContext.js';
import { armEnvironment } from './armEnvironment.js';
import { armParameter } from './armParameter.js';
import type { FunctionState } from './FunctionState.js';

/**
 * Writes the config where the function's injector reads it (its SSM parameter if it names one, else its
 * environment) and returns how to put back what was there. An invalid config throws before any call.
 */
export function writeConfig(context: ArmingContext, state: FunctionState, config: ChaosConfig): Promise<() => Promise<string[]>> {
  const parsed = parseChaosConfig(config, { requireExpiresAt: true });
  const value = JSON.stringify(parsed);
  const expiresAt = parsed.expiresAt ?? 'its expiresAt';
  return state.fn.ssmParameter === undefined
    ? armEnvironment(context, state, value, expiresAt)
    : armParameter(context, state, state.fn.ssmParameter, value, expiresAt);
}
