import type { ArmingContext } from './ArmingContext.js';
import { restoringWrite } from './environmentVariables.js';
import type { FunctionState } from './FunctionState.js';
import { removeParameter, writeParameter, type ParameterValue } from './ssmParameter.js';
import { updateEnvironment } from './updateEnvironment.js';

/**
 * Disarms an environment arming: takes out only what the run added, on top of the variables there now
 * (see {@link restoringWrite}). Answers the warnings for the scenario (its value was changed by someone else).
 */
export async function restoreEnvironment(context: ArmingContext, state: FunctionState): Promise<string[]> {
  const warnings: string[] = [];
  await updateEnvironment(
    context,
    state,
    restoringWrite(state, (message) => warnings.push(message)),
  );
  return warnings;
}

/** Disarms an SSM arming: puts back the value found before it, or deletes the parameter when there was none. */
export async function restoreParameter(
  context: ArmingContext,
  state: FunctionState,
  name: string,
  before: ParameterValue | undefined,
): Promise<string[]> {
  if (before) {
    await writeParameter(context, state, name, before.value, before.type);
    return [];
  }
  await removeParameter(context, state, name);
  return [];
}
