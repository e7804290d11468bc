import type { ArmingContext } from './ArmingContext.js';
import { restoringWrite } from './environmentVariables.js';
import type { FunctionState } from './FunctionState.js';
import { removeParameter, writeParameter, type ParameterValue } from './ssmParameter.js';
import { updateEnvironment } from './updateEnvironment.js';

/** Disarms an environment arming: puts back the variables found before it (see {@link restoringWrite}). */
export function restoreEnvironment(context: ArmingContext, state: FunctionState, before: Record<string, string>, armed: Record<string, string>): Promise<void> {
  return updateEnvironment(context, state, restoringWrite(before, armed));
}

/** Disarms an SSM arming: puts back the value found before it, or deletes the parameter when there was none. */
export async function restoreParameter(context: ArmingContext, state: FunctionState, name: string, before: ParameterValue | undefined): Promise<void> {
  if (before) {
    await writeParameter(context, state, name, before.value, before.type);
    return;
  }
  await removeParameter(context, state, name);
}
