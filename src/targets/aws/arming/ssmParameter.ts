import type { ParameterType } from '@aws-sdk/client-ssm';
import { TargetError } from '../../../errors.js';
import { deleteParameter, getParameter, putParameter } from '../clients/lambdaAndSsmCalls.js';
import type { ArmingContext } from './ArmingContext.js';
import type { FunctionState } from './FunctionState.js';

/** A parameter's value and type, as found before arming. */
export interface ParameterValue {
  value: string;
  type: ParameterType;
}

/** The parameter's value before arming; undefined when it does not exist. */
export async function readParameter(context: ArmingContext, state: FunctionState, name: string): Promise<ParameterValue | undefined> {
  try {
    const found = await getParameter(context, name);
    if (found.Parameter?.Value !== undefined)
      return { value: found.Parameter.Value, type: (found.Parameter.Type ?? 'String') as ParameterType };
  } catch (error) {
    if ((error as Error).name !== 'ParameterNotFound') {
      throw new TargetError(
        `cannot read SSM parameter ${name} of function ${state.fn.address}: ${(error as Error).name}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return undefined;
}

/** Whether the parameter holds `value` now (a missing parameter does not). */
export async function parameterHolds(context: ArmingContext, name: string, value: string): Promise<boolean> {
  try {
    const found = await getParameter(context, name);
    return found.Parameter?.Value === value;
  } catch (readError) {
    if ((readError as Error).name === 'ParameterNotFound') return false;
    throw readError;
  }
}

/** PutParameter, then waits out the injector's cache before the next execution. */
export async function writeParameter(
  context: ArmingContext,
  state: FunctionState,
  name: string,
  value: string,
  type: ParameterType,
): Promise<void> {
  try {
    await putParameter(context, name, value, type);
  } catch (error) {
    throw new TargetError(
      `cannot write SSM parameter ${name} of function ${state.fn.address}: ${(error as Error).name}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  markSsmChange(context, state);
}

/** DeleteParameter (already gone is fine), then waits out the injector's cache before the next execution. */
export async function removeParameter(context: ArmingContext, state: FunctionState, name: string): Promise<void> {
  try {
    await deleteParameter(context, name);
  } catch (error) {
    if ((error as Error).name !== 'ParameterNotFound')
      throw new TargetError(`cannot delete SSM parameter ${name}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
  }
  markSsmChange(context, state);
}

/** Warm execution environments keep the old SSM value for up to its TTL; executions wait that out. */
function markSsmChange(context: ArmingContext, state: FunctionState): void {
  const propagation = context.ssmPropagationMs ?? (state.fn.ssmTtlSeconds + 1) * 1000;
  state.readyAtMs = Date.now() + propagation;
}
