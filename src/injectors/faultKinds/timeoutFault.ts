import { LambdaErrorName, MAX_LAMBDA_TIMEOUT_MS } from '../constants.js';
import { InjectedTimeoutError } from '../errors.js';
import type { LambdaContextLike } from '../valueTypes.js';
import type { FaultKindDefinition } from './FaultKindDefinition.js';
import { LONGEST_FAULT_WAIT_SECONDS, millisecondsSchema, secondsToMs } from './sharedFields.js';

/** Fields of a `timeout` rule. */
export interface TimeoutFaultFields {
  /**
   * `timeout`: how long to hang, in milliseconds. Without it the fault hangs until the
   * function's remaining time (`context.getRemainingTimeInMillis()`) has run out.
   */
  durationMs?: number;
}

/** The error Step Functions reports when a state's `TimeoutSeconds` runs out (the engine's `States.Timeout`). */
const STATES_TIMEOUT = 'States.Timeout';

/**
 * `timeout`: the function hangs, so the attempt ends with whichever limit fires first: the state's
 * `TimeoutSeconds` (`States.Timeout`) or the function's own timeout (`Sandbox.Timedout` on current
 * runtimes, `Lambda.Unknown` on older ones; which runtimes do which is UNCONFIRMED, see
 * sfn-semantics.md §8.3). A hang nothing stops ends with `Sandbox.Timedout`, as Lambda reports it.
 *
 * @example
 * ```ts
 * timeoutFault.errorNamesRaised({}); // ['Sandbox.Timedout', 'States.Timeout', 'Lambda.Unknown']
 * ```
 */
export const timeoutFault: FaultKindDefinition<'timeout', TimeoutFaultFields> = {
  kind: 'timeout',
  ruleFields: {
    durationMs: {
      ...millisecondsSchema,
      description: 'kind "timeout": how long to hang; default: the function\'s remaining time.',
    },
  },
  scenarioKey: 'timeout',
  scenarioFields: {
    timeout: {
      anyOf: [{ const: true }, { type: 'number', exclusiveMinimum: 0, maximum: LONGEST_FAULT_WAIT_SECONDS }],
      description: `true (hang until a timeout fires) or a number of seconds above 0, at most ${LONGEST_FAULT_WAIT_SECONDS} (Lambda's longest function timeout)`,
    },
  },
  endsInvocation: true,
  ruleFieldsFromScenario(fault) {
    return typeof fault['timeout'] === 'number' ? { durationMs: secondsToMs(fault['timeout']) } : {};
  },
  apply(rule, { faultId, context }) {
    const hangMs = timeoutHang(rule.durationMs, context);
    // Still running once the hang ends: nothing stopped it (no enforced timeout, or durationMs was
    // shorter than the time left). It ends the way a function that never answers ends in Lambda.
    return { raise: new InjectedTimeoutError({ faultId, kind: 'timeout' }, hangMs, context.awsRequestId), waitMs: hangMs };
  },
  errorNamesRaised: () => [LambdaErrorName.FunctionTimeout, STATES_TIMEOUT, 'Lambda.Unknown'],
  plannedFailure(rule, invocation) {
    // A hanging invocation ends with whichever timeout comes first: the state's or the function's own.
    if (invocation.stateTimeoutSeconds === 'runtime') {
      return {
        problem:
          "fromPlan: true cannot tell which timeout a hanging invocation hits: the state's TimeoutSeconds is only known at run time; name the error instead",
      };
    }
    const stateMs = invocation.stateTimeoutSeconds === undefined ? Number.POSITIVE_INFINITY : invocation.stateTimeoutSeconds * 1000;
    const functionMs = invocation.functionTimeoutSeconds * 1000;
    const { durationMs } = rule;
    if (durationMs !== undefined && durationMs < Math.min(stateMs, functionMs)) {
      return {
        problem: `fromPlan: true, but the fault hangs for ${durationMs / 1000} s, less than both the state's and the function's timeout, so it does not fail the state; name the error instead`,
      };
    }
    if (stateMs === functionMs)
      return {
        problem:
          'fromPlan: true, but the state and the function time out at the same moment, so either error may come first; name the error instead',
      };
    return { errorName: stateMs < functionMs ? STATES_TIMEOUT : LambdaErrorName.FunctionTimeout };
  },
};

/** How long a `timeout` fault hangs: `durationMs` or the time left, never past the time left. */
function timeoutHang(durationMs: number | undefined, context: LambdaContextLike): number {
  const reported = context.getRemainingTimeInMillis?.();
  const remaining = typeof reported === 'number' && Number.isFinite(reported) ? Math.max(0, reported) : undefined;
  if (durationMs === undefined) return remaining ?? MAX_LAMBDA_TIMEOUT_MS;
  return remaining === undefined ? durationMs : Math.min(durationMs, remaining);
}
