import type { ArmingContext } from './ArmingContext.js';
import { restoringWrite } from './environmentVariables.js';
import type { FunctionState } from './FunctionState.js';
import { removeParameter, writeParameter, type ParameterValue } from './ssmParameter.js';
import { updateEnvironment } from './updateEnvironment.js';

/**
 * How many times more a disarm call is retried than other calls: a disarm that gives up leaves faults armed
 * until their expiry, and what makes calls fail for long is mostly throttling under load, which passes.
 */
const DISARM_RETRY_FACTOR = 3;

/** The arming context with the longer retries a disarm gets. */
function persistent(context: ArmingContext): ArmingContext {
  return { ...context, retry: { ...context.retry, retries: context.retry.retries * DISARM_RETRY_FACTOR } };
}

/**
 * Disarms an environment arming: takes out only what the run added, on top of the variables there now
 * (see {@link restoringWrite}), with three times the retries. Answers the warnings for the scenario (its value was changed by someone else).
 */
export async function restoreEnvironment(context: ArmingContext, state: FunctionState): Promise<string[]> {
  const warnings: string[] = [];
  await updateEnvironment(
    persistent(context),
    state,
    restoringWrite(state, (message) => warnings.push(message)),
  );
  return warnings;
}

/** Disarms an SSM arming (with the longer retries): puts back the value found before it, or deletes the parameter when there was none. */
export async function restoreParameter(
  context: ArmingContext,
  state: FunctionState,
  name: string,
  before: ParameterValue | undefined,
): Promise<string[]> {
  if (before) {
    await writeParameter(persistent(context), state, name, before.value, before.type);
    return [];
  }
  await removeParameter(persistent(context), state, name);
  return [];
}
