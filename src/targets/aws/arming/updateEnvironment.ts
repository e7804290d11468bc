import { revisionGuardedUpdate } from '../clients/revisionGuardedUpdate.js';
import type { ArmingContext } from './ArmingContext.js';
import type { EnvironmentWrite } from './environmentVariables.js';
import type { FunctionState } from './FunctionState.js';

/**
 * Sends an arming or disarming write through {@link revisionGuardedUpdate}, starting from the function's
 * latest configuration and keeping `state.latest` at what was last read or written.
 *
 * @example
 * ```ts
 * await updateEnvironment(context, state, armingWrite(state, value));
 * ```
 */
export async function updateEnvironment(context: ArmingContext, state: FunctionState, write: EnvironmentWrite): Promise<void> {
  await revisionGuardedUpdate(context, state.fn.arn, state.latest, write.next, {
    label: state.fn.address,
    onRead: (configuration) => {
      state.latest = configuration;
    },
  });
}
