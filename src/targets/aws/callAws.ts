import pRetry from 'p-retry';
import { isRetryableAwsError } from './isRetryableAwsError.js';

/** How our own AWS calls are retried (the SDK's own retries are off, so this is the one policy). */
export interface AwsRetryPolicy {
  /** Retries after the first attempt; default 6. */
  retries: number;
  /** First wait in ms; default 200. */
  minTimeoutMs: number;
  /** Longest wait in ms; default 5 000. */
  maxTimeoutMs: number;
}

export const DEFAULT_AWS_RETRY_POLICY: AwsRetryPolicy = { retries: 6, minTimeoutMs: 200, maxTimeoutMs: 5000 };

/**
 * Sends one AWS call, sending it again with exponential backoff (and jitter, so scenarios throttled
 * together do not come back together) after throttling, a 5xx or a broken connection. Other errors,
 * and aborts, are thrown at once.
 *
 * @example
 * ```ts
 * const page = await callAws(() => sfn.send(new GetExecutionHistoryCommand({ executionArn })), policy, signal);
 * ```
 */
export function callAws<T>(call: () => Promise<T>, policy: AwsRetryPolicy, signal?: AbortSignal): Promise<T> {
  return pRetry(call, {
    retries: policy.retries,
    minTimeout: policy.minTimeoutMs,
    maxTimeout: policy.maxTimeoutMs,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => isRetryableAwsError(error),
    ...(signal ? { signal } : {}),
  });
}
