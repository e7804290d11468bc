import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { invokesLambda } from './lambdaServiceRetrier.js';
import { lintAt } from './lintAt.js';

/** What Step Functions uses when a Task sets no TimeoutSeconds or HeartbeatSeconds. */
export const defaultTaskTimeoutSeconds = 99_999_999;

/**
 * Tasks without `TimeoutSeconds` (an attempt may then wait 99999999 s, over three years, for an
 * answer that never comes) and `HeartbeatSeconds` that is not below the timeout (the heartbeat can
 * then never expire first, which AWS rejects).
 */
export function taskTimeouts(state: FailingState): PlanLint[] {
  if (state.type !== 'Task') return [];
  const lints: PlanLint[] = [];
  const timeout = state.state['TimeoutSeconds'];
  const hasTimeout = timeout !== undefined || state.state['TimeoutSecondsPath'] !== undefined;
  if (!hasTimeout) {
    const lambdaNote =
      invokesLambda(state) && !String(state.state['Resource']).endsWith('.waitForTaskToken')
        ? " (the function's own timeout, at most 900 s, still ends each invocation, but set TimeoutSeconds to bound the state)"
        : '';
    lints.push(
      lintAt(
        LintCode.MissingTimeoutSeconds,
        state,
        [],
        `Task has no TimeoutSeconds, so an attempt may wait up to ${defaultTaskTimeoutSeconds} s (over 3 years) before States.Timeout${lambdaNote}`,
      ),
    );
  }
  const heartbeat = state.state['HeartbeatSeconds'];
  if (typeof heartbeat === 'number') {
    const effectiveTimeout = typeof timeout === 'number' ? timeout : hasTimeout ? undefined : defaultTaskTimeoutSeconds;
    if (effectiveTimeout !== undefined && heartbeat >= effectiveTimeout) {
      lints.push(
        lintAt(
          LintCode.HeartbeatNotBelowTimeout,
          state,
          ['HeartbeatSeconds'],
          `HeartbeatSeconds (${heartbeat}) must be less than TimeoutSeconds (${effectiveTimeout}${typeof timeout === 'number' ? '' : ', the default'}); the heartbeat could never expire first`,
        ),
      );
    }
  }
  return lints;
}
