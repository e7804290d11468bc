/** Error codes AWS uses when a caller goes faster than its quota allows. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

/** Node socket errors after which the same request may simply be sent again. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

/**
 * Whether an AWS SDK call that failed with `error` is worth sending again: throttling, a 5xx from the
 * service, or a connection that broke before an answer came back.
 *
 * @example
 * ```ts
 * await pRetry(() => sfn.send(command), { shouldRetry: ({ error }) => isRetryableAwsError(error) });
 * ```
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const details = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; $fault?: string };
  if (THROTTLING_CODES.has(error.name) || (details.code !== undefined && THROTTLING_CODES.has(details.code))) return true;
  if (details.$retryable !== undefined && details.$retryable !== null) return true;
  const status = details.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (details.code !== undefined && TRANSIENT_NETWORK_CODES.has(details.code)) return true;
  if (error.name === 'TimeoutError' || /socket hang up|ECONNRESET|EPIPE/.test(error.message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isRetryableAwsError(cause);
}
