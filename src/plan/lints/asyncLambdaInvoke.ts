import { LambdaIntegration, lambdaIntegrationOf } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt } from './lintAt.js';

/**
 * `lambda:invoke` with `InvocationType: Event` returns as soon as Lambda queues the event: the
 * function's errors never reach the state machine, so Retry and Catch cannot see them.
 */
export function asyncLambdaInvoke(state: FailingState): PlanLint[] {
  const field = asyncInvocationField(state);
  if (field === undefined) return [];
  return [
    lintAt(
      LintCode.AsyncLambdaInvoke,
      state,
      [field, 'InvocationType'],
      "InvocationType: Event invokes the function asynchronously: the Task succeeds as soon as Lambda queues the event (StatusCode 202), so the function's errors (and faults injected into it) go to Lambda's async retries, never to this state's Retry or Catch; only errors of the Invoke call itself (Lambda.ResourceNotFoundException, for one) reach them",
    ),
  ];
}

/**
 * The field (`Parameters`, or `Arguments` with JSONata) that sets `InvocationType: Event` on a `lambda:invoke`
 * Task, if any.
 *
 * @example
 * ```ts
 * asyncInvocationField(state); // 'Parameters' for { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { InvocationType: 'Event', … } }
 * ```
 */
export function asyncInvocationField(state: FailingState): 'Parameters' | 'Arguments' | undefined {
  if (state.type !== 'Task' || lambdaIntegrationOf(state.state['Resource']) !== LambdaIntegration.OptimizedInvoke) return undefined;
  return (['Parameters', 'Arguments'] as const).find((field) => {
    const input = state.state[field];
    return (
      typeof input === 'object' &&
      input !== null &&
      !Array.isArray(input) &&
      (input as Record<string, unknown>)['InvocationType'] === 'Event'
    );
  });
}
