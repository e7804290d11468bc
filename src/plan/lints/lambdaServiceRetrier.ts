import { lambdaIntegrationOf } from '../../engine/index.js';
import { errorEqualsMatches } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import { retriesGranted } from '../../engine/asl/errorHandlingDecision.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt } from './lintAt.js';

/**
 * Transient Lambda service errors AWS tells users to retry. Two recommended retriers are in use
 * (sfn-semantics §3.2): the best-practices page lists all four names below; the retrier the console
 * inserts for "Lambda Invoke" has the first three (plus `Lambda.TooManyRequestsException`). Either
 * is accepted, so only the three names both share are required.
 */
export const LambdaServiceErrorName = {
  ServiceException: 'Lambda.ServiceException',
  AWSLambdaException: 'Lambda.AWSLambdaException',
  SdkClientException: 'Lambda.SdkClientException',
  ClientExecutionTimeoutException: 'Lambda.ClientExecutionTimeoutException',
} as const;

const required: readonly string[] = [
  LambdaServiceErrorName.ServiceException,
  LambdaServiceErrorName.AWSLambdaException,
  LambdaServiceErrorName.SdkClientException,
];

const recommendedRetrier = JSON.stringify({
  ErrorEquals: Object.values(LambdaServiceErrorName),
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
});

const callbackInvokePattern = /^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/;

/** A Task that calls Lambda (function ARN, `lambda:invoke` or its callback form). */
export function invokesLambda(state: FailingState): boolean {
  if (state.type !== 'Task') return false;
  const resource = state.state['Resource'];
  return lambdaIntegrationOf(resource) !== undefined || (typeof resource === 'string' && callbackInvokePattern.test(resource));
}

/** Lambda Tasks whose retriers leave a transient Lambda service error unretried. */
export function lambdaServiceRetrier(state: FailingState): PlanLint[] {
  if (!invokesLambda(state)) return [];
  const unretried = required.filter((name) => {
    const retrier = state.retriers.find((candidate) => errorEqualsMatches(candidate.ErrorEquals, name));
    return retrier === undefined || retriesGranted(retrier) === 0;
  });
  if (unretried.length === 0) return [];
  return [
    lintAt(
      LintCode.MissingLambdaServiceRetrier,
      state,
      state.retriers.length > 0 ? ['Retry'] : [],
      `Lambda Task without the retrier AWS recommends for transient Lambda service errors: ${unretried.join(', ')} ${unretried.length === 1 ? 'is' : 'are'} not retried; add ${recommendedRetrier} before the other retriers`,
    ),
  ];
}
