/**
 * An error as a warning quotes it: `Name: message`, or the thrown value as a string.
 *
 * @example
 * ```ts
 * describeError(new TypeError('boom')); // "TypeError: boom"
 * describeError('plain'); // "plain"
 * ```
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
