import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { rereadFunctionConfiguration } from '../clients/lambdaAndSsmCalls.js';
import { settledConfiguration } from '../clients/revisionGuardedUpdate.js';
import type { ArmingContext } from './ArmingContext.js';
import type { FunctionState } from './FunctionState.js';

/** Reads the function's configuration again (GetFunctionConfiguration by its ARN). */
export function readConfiguration(context: ArmingContext, state: FunctionState): Promise<FunctionConfiguration> {
  return rereadFunctionConfiguration(context, state.fn.arn);
}

/** Reads the configuration until no update is in progress, keeping `state.latest` current; a failed update is an error. */
export function settled(context: ArmingContext, state: FunctionState): Promise<FunctionConfiguration> {
  return settledConfiguration(context, state.fn.arn, state.latest, {
    label: state.fn.address,
    onRead: (configuration) => {
      state.latest = configuration;
    },
  });
}
