import { TargetError } from '../../../errors.js';

/** An error for a message: our own errors by their message, AWS errors as `Name: message`. */
export function describeAwsError(error: unknown): string {
  return error instanceof TargetError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
}
