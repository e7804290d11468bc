import type { ChaosInvocationInfo } from './types.js';

/** How a warning tells the writer of a state machine to give the injector the attempt number. */
export const ATTEMPT_HINT =
  'add "RetryCount.$": "$$.State.RetryCount" to the state\'s Payload (Parameters for a function-ARN Resource) so the injector can tell the attempt';

/**
 * 1-based attempt: from the caller's invocation facts first, else the payload's `RetryCount`.
 *
 * @example
 * ```ts
 * attemptOf(undefined, { RetryCount: 1 }); // 2
 * attemptOf({ retryCount: 0 }, { RetryCount: 4 }); // 1
 * attemptOf(undefined, {}); // undefined
 * ```
 */
export function attemptOf(info: ChaosInvocationInfo | undefined, event: unknown): number | undefined {
  if (isRetryCount(info?.retryCount)) return info.retryCount + 1;
  if (typeof event === 'object' && event !== null && !Array.isArray(event)) {
    const retryCount = (event as Record<string, unknown>)['RetryCount'];
    if (isRetryCount(retryCount)) return retryCount + 1;
  }
  return undefined;
}

function isRetryCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
