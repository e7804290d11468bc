import { isDeepStrictEqual } from 'node:util';
import type { TestStateOutput } from '@aws-sdk/client-sfn';
import type { ActualOutcome, ExpectedOutcome, VerifyDifference } from './types.js';

/**
 * Seconds two backoffs may differ and still agree: TestState reports `retryBackoffIntervalSeconds` as a
 * number of seconds, and whether it rounds fractional backoffs is UNCONFIRMED.
 */
export const BACKOFF_TOLERANCE_SECONDS = 0.001;

/**
 * AWS's answer with its JSON strings parsed (a string that is not JSON is kept as it is).
 *
 * @example
 * ```ts
 * actualOutcomeOf({ status: 'CAUGHT_ERROR', nextState: 'Refund', output: '{"a":1}', inspectionData: { errorDetails: { catchIndex: 0 } } });
 * // { status: 'CAUGHT_ERROR', nextState: 'Refund', output: { a: 1 }, catchIndex: 0 }
 * ```
 */
export function actualOutcomeOf(response: TestStateOutput): ActualOutcome {
  const details = response.inspectionData?.errorDetails;
  const actual: ActualOutcome = {};
  if (response.status !== undefined) actual.status = response.status;
  if (response.nextState !== undefined) actual.nextState = response.nextState;
  if (response.output !== undefined) actual.output = parseJson(response.output);
  if (response.error !== undefined) actual.error = response.error;
  if (response.cause !== undefined) actual.cause = response.cause;
  if (details?.retryIndex !== undefined) actual.retryIndex = details.retryIndex;
  if (details?.retryBackoffIntervalSeconds !== undefined) actual.retryBackoffIntervalSeconds = details.retryBackoffIntervalSeconds;
  if (details?.catchIndex !== undefined) actual.catchIndex = details.catchIndex;
  return actual;
}

/**
 * The fields where AWS's answer differs from what the engine did. Only fields the engine's outcome sets
 * are compared (the output of a retried attempt, for one, is nothing the engine decides); a backoff
 * agrees within {@link BACKOFF_TOLERANCE_SECONDS}, and is not compared under `JitterStrategy: FULL`.
 *
 * @example
 * ```ts
 * compareOutcome({ status: 'RETRIABLE', retryIndex: 0 }, { status: 'CAUGHT_ERROR', catchIndex: 0 });
 * // [{ field: 'status', expected: 'RETRIABLE', actual: 'CAUGHT_ERROR' }, { field: 'retryIndex', expected: 0, actual: undefined }]
 * ```
 */
export function compareOutcome(expected: ExpectedOutcome, actual: ActualOutcome): VerifyDifference[] {
  const differences: VerifyDifference[] = [];
  const fields = ['status', 'retryIndex', 'catchIndex', 'nextState', 'error', 'cause'] as const;
  for (const field of fields) {
    if (expected[field] !== undefined && expected[field] !== actual[field])
      differences.push({ field, expected: expected[field], actual: actual[field] });
  }
  if (expected.status === 'SUCCEEDED' && expected.nextState === undefined && actual.nextState !== undefined)
    differences.push({ field: 'nextState', expected: undefined, actual: actual.nextState });
  if (expected.retryBackoffIntervalSeconds !== undefined) {
    const seconds = actual.retryBackoffIntervalSeconds;
    if (seconds === undefined || Math.abs(seconds - expected.retryBackoffIntervalSeconds) > BACKOFF_TOLERANCE_SECONDS)
      differences.push({ field: 'retryBackoffIntervalSeconds', expected: expected.retryBackoffIntervalSeconds, actual: seconds });
  }
  if ('output' in expected && !isDeepStrictEqual(expected.output, actual.output))
    differences.push({ field: 'output', expected: expected.output, actual: actual.output });
  return differences;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
