import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { TargetError } from '../../../errors.js';
import { rereadFunctionConfiguration } from '../clients/lambdaAndSsmCalls.js';
import { sleep } from '../clients/Pacer.js';
import type { ArmingContext } from './ArmingContext.js';
import type { FunctionState } from './FunctionState.js';

/** Reads the function's configuration again (GetFunctionConfiguration by its ARN). */
export function readConfiguration(context: ArmingContext, state: FunctionState): Promise<FunctionConfiguration> {
  return rereadFunctionConfiguration(context, state.fn.arn);
}

/** Reads the configuration until no update is in progress; a failed update is an error. */
export async function settled(context: ArmingContext, state: FunctionState): Promise<FunctionConfiguration> {
  for (;;) {
    const status = state.latest.LastUpdateStatus;
    if (status === 'Failed') {
      throw new TargetError(`the last configuration update of function ${state.fn.address} failed: ${state.latest.LastUpdateStatusReason ?? 'no reason given'}`);
    }
    if (status === undefined || status === 'Successful') return state.latest;
    await sleep(context.updatePollMs);
    state.latest = await readConfiguration(context, state);
  }
}
