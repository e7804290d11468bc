import { TargetError } from '../../../errors.js';
import { updateFunctionConfiguration } from '../clients/lambdaAndSsmCalls.js';
import type { ArmingContext } from './ArmingContext.js';
import type { EnvironmentWrite } from './environmentVariables.js';
import { readConfiguration, settled } from './functionConfiguration.js';
import type { FunctionState } from './FunctionState.js';

/**
 * UpdateFunctionConfiguration with the `RevisionId` of the configuration the write was computed from, then
 * waits until the update is live. When the revision moved (someone deployed, or our own earlier attempt
 * whose answer was lost took effect), re-reads and computes the write again from what it read, at most 5
 * times: what someone else wrote in between is never sent back over.
 */
export async function updateEnvironment(context: ArmingContext, state: FunctionState, write: EnvironmentWrite): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const variables = write.next(state.latest.Environment?.Variables ?? {});
    if (variables === undefined) return;
    const revisionId = state.latest.RevisionId;
    try {
      const updated = await updateFunctionConfiguration(context, () => ({
        FunctionName: state.fn.arn,
        Environment: { Variables: variables },
        ...(revisionId ? { RevisionId: revisionId } : {}),
      }));
      state.latest = updated;
      await settled(context, state);
      return;
    } catch (error) {
      const name = (error as Error).name;
      if ((name !== 'PreconditionFailedException' && name !== 'ResourceConflictException') || attempt >= 5) {
        throw new TargetError(`cannot update the environment of function ${state.fn.address}: ${name}: ${(error as Error).message}`, { cause: error });
      }
      state.latest = await readConfiguration(context, state);
      await settled(context, state);
    }
  }
}
