import { TargetError } from '../../../errors.js';
import { describeAwsError } from '../clients/describeAwsError.js';
import type { FunctionState } from './FunctionState.js';

/** Where a write put the faults and how to take them out by hand, for the messages that must say so. */
export interface ArmedPlace {
  /** e.g. `the SFN_CHAOS_CONFIG environment variable of function charge`. */
  where: string;
  /** e.g. `remove SFN_CHAOS_CONFIG from its environment`. */
  remedy: string;
  expiresAt: string;
}

/**
 * Arming failed part-way: if our value is (or may be) in place, puts back what was there with the same
 * steps as disarming. Always throws: the arming failure, saying it was undone, or, when the state cannot
 * be read or the undo fails, where the faults may still be armed, until when, and what to remove.
 */
export async function undoFailedArming(
  state: FunctionState,
  failure: unknown,
  place: ArmedPlace,
  steps: { inPlace: () => Promise<boolean>; undo: () => Promise<unknown> },
): Promise<never> {
  const failed = describeAwsError(failure);
  let inPlace: boolean;
  try {
    inPlace = await steps.inPlace();
  } catch (readError) {
    throw new TargetError(
      `${failed}; reading back what took effect failed too (${describeAwsError(rootCause(readError))}): ${mayStillBeArmed(place)}`,
      { cause: failure },
    );
  }
  if (!inPlace)
    throw failure instanceof TargetError
      ? failure
      : new TargetError(`arming function ${state.fn.address} failed: ${failed}`, { cause: failure });
  try {
    await steps.undo();
  } catch (undoError) {
    throw new TargetError(`${failed}; undoing it failed too (${describeAwsError(rootCause(undoError))}): ${mayStillBeArmed(place)}`, {
      cause: failure,
    });
  }
  throw new TargetError(`${failed}; what this write had changed was undone`, { cause: failure });
}

/** Runs a disarm and answers its warnings; when it fails, the error says where the faults may still be armed and what to remove. */
export async function disarmOrSay(state: FunctionState, place: ArmedPlace, disarm: () => Promise<string[]>): Promise<string[]> {
  try {
    return await disarm();
  } catch (error) {
    throw new TargetError(
      `disarming function ${state.fn.address} failed (${describeAwsError(rootCause(error))}): ${mayStillBeArmed(place)}`,
      { cause: error },
    );
  }
}

function mayStillBeArmed(place: ArmedPlace): string {
  return `the faults may still be armed in ${place.where} until ${place.expiresAt}; ${place.remedy} now`;
}

/** The AWS error behind one of our own errors, for messages that already name the function. */
function rootCause(error: unknown): unknown {
  return error instanceof TargetError && error.cause instanceof Error ? rootCause(error.cause) : error;
}
