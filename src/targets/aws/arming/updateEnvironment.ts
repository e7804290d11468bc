import { TargetError } from '../../../errors.js';
import { updateFunctionConfiguration } from '../clients/lambdaAndSsmCalls.js';
import type { ArmingContext } from './ArmingContext.js';
import type { EnvironmentWrite } from './environmentVariables.js';
import { readConfiguration, settled } from './functionConfiguration.js';
import type { FunctionState } from './FunctionState.js';

/**
 * UpdateFunctionConfiguration with `RevisionId`, then waits until the update is live. When the revision
 * moved (someone else, or our own earlier attempt whose answer was lost), re-reads and tries again, at
 * most 5 times, sending what `write.rebase` makes of the variables read.
 */
export async function updateEnvironment(context: ArmingContext, state: FunctionState, write: EnvironmentWrite): Promise<void> {
  let variables = write.wanted;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const updated = await updateFunctionConfiguration(context, () => ({
        FunctionName: state.fn.arn,
        Environment: { Variables: variables },
        ...(state.latest.RevisionId ? { RevisionId: state.latest.RevisionId } : {}),
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
      const current = state.latest.Environment?.Variables ?? {};
      if (write.alreadyDone(current)) {
        await settled(context, state);
        return;
      }
      variables = write.rebase(current);
      await settled(context, state);
    }
  }
}
