import pRetry from 'p-retry';
import { isRetryableAwsError } from './isRetryableAwsError.js';
import type { Pacer } from './Pacer.js';

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

export interface CallAwsOptions {
  /** The API's shared pacing: every attempt, the retries included, takes a token first. */
  pacer?: Pick<Pacer, 'take'>;
  /**
   * Which errors are worth sending the call again; default {@link isRetryableAwsError} (throttling, a 5xx,
   * a broken connection). A call that is not idempotent passes `isThrottlingAwsError`: after a 5xx or a
   * broken connection it may have taken effect.
   */
  retryOn?: (error: unknown) => boolean;
}

/**
 * Sends one AWS call, sending it again with exponential backoff (and jitter, so scenarios throttled
 * together do not come back together) after throttling, a 5xx or a broken connection. Other errors,
 * and aborts, are thrown at once. With a pacer, each attempt waits for its own token, so retries after
 * throttling do not add to the rate that was too high.
 *
 * @example
 * ```ts
 * const page = await callAws(() => sfn.send(new GetExecutionHistoryCommand({ executionArn })), policy, signal, { pacer });
 * ```
 */
export async function callAws<T>(
  call: () => Promise<T>,
  policy: AwsRetryPolicy,
  signal?: AbortSignal,
  options: CallAwsOptions = {},
): Promise<T> {
  const { pacer, retryOn = isRetryableAwsError } = options;
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        await pacer?.take(signal);
        attempts += 1;
        return call();
      },
      {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => retryOn(error),
        ...(signal ? { signal } : {}),
      },
    );
  } catch (error) {
    if (typeof error === 'object' && error !== null) ATTEMPTS.set(error, attempts);
    throw error;
  }
}

/** How many attempts callAws sent before it threw each error (the SDK's own `$metadata.attempts` counts only one). */
const ATTEMPTS = new WeakMap<object, number>();

/**
 * How many times callAws sent the call that failed with `error` (0: interrupted before the first was
 * sent); undefined for an error that did not come out of callAws.
 */
export function attemptsBehind(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? ATTEMPTS.get(error) : undefined;
}
