import { TargetError } from '../../../errors.js';
import { attemptsBehind } from './callAws.js';

/**
 * An error for a message: our own errors by their message, AWS errors as `Name: message`, and an answer
 * the SDK could not parse (an HTML error page from a load balancer, say) as `HTTP 503 with a non-JSON body`
 * instead of the parser's SyntaxError.
 */
export function describeAwsError(error: unknown): string {
  if (error instanceof TargetError) return error.message;
  const failure = error as Error & { $response?: { statusCode?: number }; $metadata?: { httpStatusCode?: number } };
  if (failure.name === 'SyntaxError' && (failure.$response !== undefined || failure.$metadata !== undefined)) {
    const status = failure.$response?.statusCode ?? failure.$metadata?.httpStatusCode;
    return `HTTP ${status ?? 'answer'} with a non-JSON body`;
  }
  return `${failure.name}: ${failure.message}`;
}

/**
 * The one wording for an AWS call that failed for good: which call, on what, after how many attempts,
 * the error, and (when given) what state it left things in.
 *
 * @example
 * ```ts
 * failedCall('DescribeExecution', `execution ${executionArn}`, error, 'the execution was stopped');
 * // "DescribeExecution on execution arn:… failed after 7 attempts: HTTP 503 with a non-JSON body; the execution was stopped"
 * ```
 */
export function failedCall(operation: string, on: string, error: unknown, leftState?: string): string {
  const attempts = attemptsBehind(error);
  const after = attempts === undefined ? '' : ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  return `${operation} on ${on} failed${after}: ${describeAwsError(error)}${leftState ? `; ${leftState}` : ''}`;
}
