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
  // Step Functions' one modelled throttling error: KMS throttled the decryption of a customer-managed key (sfn-semantics.md §5.1).
  'KmsThrottlingException',
]);

/** Node socket errors that mean no connection was made, so the request never reached the service. */
const NEVER_CONNECTED_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

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
  const details = error as AwsErrorDetails;
  if (isThrottlingAwsError(error)) return true;
  if (details.$retryable !== undefined && details.$retryable !== null) return true;
  const status = details.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (details.code !== undefined && TRANSIENT_NETWORK_CODES.has(details.code)) return true;
  if (error.name === 'TimeoutError' || /socket hang up|ECONNRESET|EPIPE/.test(error.message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isRetryableAwsError(cause);
}

type AwsErrorDetails = Error & {
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean } | null;
  $fault?: string;
};

/**
 * Whether the service refused an AWS call because the caller went faster than its quota: the request was
 * turned away before anything was done, so even a call that is not idempotent may be sent again.
 *
 * @example
 * ```ts
 * await callAws(() => sfn.send(new StartSyncExecutionCommand(input)), policy, signal, { retryOn: isThrottlingAwsError });
 * ```
 */
export function isThrottlingAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const details = error as AwsErrorDetails;
  if (THROTTLING_CODES.has(error.name) || (details.code !== undefined && THROTTLING_CODES.has(details.code))) return true;
  return details.$retryable?.throttling === true || details.$metadata?.httpStatusCode === 429;
}

/**
 * Whether an AWS call certainly did nothing: the service turned it away for throttling, or no connection was
 * made (the endpoint's name did not resolve, the connection was refused). Such a call may be sent again even
 * when it is not idempotent (an Express start).
 *
 * @example
 * ```ts
 * await callAws(() => sfn.send(new StartExecutionCommand(input)), policy, signal, { retryOn: isUnsentAwsError });
 * ```
 */
export function isUnsentAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isThrottlingAwsError(error)) return true;
  const code = (error as AwsErrorDetails).code;
  if (code !== undefined && NEVER_CONNECTED_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isUnsentAwsError(cause);
}
