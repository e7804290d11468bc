import { LambdaIntegration, lambdaIntegrationOf } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { lintAt } from './lintAt.js';

/**
 * `lambda:invoke` with `InvocationType: Event` returns as soon as Lambda queues the event: the
 * function's errors never reach the state machine, so Retry and Catch cannot see them.
 */
export function asyncLambdaInvoke(state: FailingState): PlanLint[] {
  if (state.type !== 'Task' || lambdaIntegrationOf(state.state['Resource']) !== LambdaIntegration.OptimizedInvoke) return [];
  for (const field of ['Parameters', 'Arguments'] as const) {
    const input = state.state[field];
    if (typeof input !== 'object' || input === null || Array.isArray(input)) continue;
    if ((input as Record<string, unknown>)['InvocationType'] !== 'Event') continue;
    return [
      lintAt(
        LintCode.AsyncLambdaInvoke,
        state,
        [field, 'InvocationType'],
        'InvocationType: Event invokes the function asynchronously: its errors never reach the state machine, so no Retry or Catch rule (and no fault injected into it) can fire here',
      ),
    ];
  }
  return [];
}
