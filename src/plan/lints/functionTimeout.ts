import { functionRefOf, lambdaIntegrationOf, parseFunctionRef } from '../../engine/index.js';
import { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';
import { asyncInvocationField } from './asyncLambdaInvoke.js';
import { lintAt, ruleName } from './lintAt.js';
import { defaultTaskTimeoutSeconds } from './taskTimeouts.js';

/** What the lints know beyond the definition. */
export interface LintContext {
  /**
   * The Lambda functions' own timeouts in seconds, by function name (`charge`, not its ARN): the template's
   * `Timeout` (or `Globals.Function.Timeout`), or a scenario file's `functions.<name>.timeout`.
   */
  functionTimeouts?: Readonly<Record<string, number>>;
}

const STATES_TIMEOUT = 'States.Timeout';

/**
 * A Lambda Task whose function times out no later than the Task's `TimeoutSeconds`, while a Retry or Catch
 * rule names `States.Timeout`. Lambda's own timeout ends a hung invocation first and Step Functions reports
 * it as a function error (`Sandbox.Timedout`, `Lambda.Unknown` on older runtimes), not as `States.Timeout`
 * (sfn-semantics §4, §8.3), so that rule never fires for a hang. Equal values are flagged too: the Task's
 * clock starts when the invocation is scheduled, before the function's, so the function's limit is reached
 * first (which one wins at exactly equal values is not documented). Callback Tasks (`.waitForTaskToken`)
 * and `InvocationType: Event` are not checked: their Task does not wait for the invocation to end.
 */
export function functionTimeoutBelowTaskTimeout(state: FailingState, context: LintContext): PlanLint[] {
  if (state.type !== 'Task' || lambdaIntegrationOf(state.state['Resource']) === undefined || context.functionTimeouts === undefined)
    return [];
  if (asyncInvocationField(state) !== undefined) return [];
  const reference = functionRefOf(state.state);
  const functionName = reference === undefined ? undefined : parseFunctionRef(reference)?.name;
  if (functionName === undefined || !Object.hasOwn(context.functionTimeouts, functionName)) return [];
  const functionTimeout = context.functionTimeouts[functionName] as number;
  const written = state.state['TimeoutSeconds'];
  if (written === undefined && state.state['TimeoutSecondsPath'] !== undefined) return [];
  const taskTimeout = typeof written === 'number' ? written : written === undefined ? defaultTaskTimeoutSeconds : undefined;
  if (taskTimeout === undefined || functionTimeout > taskTimeout) return [];
  const rules = [
    ...state.retriers.map((rule, index) => ({ kind: 'Retry' as const, index, rule })),
    ...state.catchers.map((rule, index) => ({ kind: 'Catch' as const, index, rule })),
  ].filter(({ rule }) => Array.isArray(rule.ErrorEquals) && rule.ErrorEquals.includes(STATES_TIMEOUT));
  const taskTimeoutText =
    typeof written === 'number' ? `TimeoutSeconds (${taskTimeout} s)` : `the default TimeoutSeconds (${taskTimeout} s)`;
  return rules.map(({ kind, index }) =>
    lintAt(
      LintCode.FunctionTimeoutNotAboveTaskTimeout,
      state,
      [kind, index, 'ErrorEquals'],
      `function ${functionName} times out after ${functionTimeout} s, not later than ${taskTimeoutText}: a hung invocation fails with Sandbox.Timedout (Lambda.Unknown on older runtimes), never States.Timeout, so ${ruleName(kind, index)} cannot fire for it; make TimeoutSeconds shorter than the function's timeout, or name Sandbox.Timedout and Lambda.Unknown`,
    ),
  );
}
