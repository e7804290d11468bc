import { LambdaErrorName } from '../constants.js';
import { InjectedThrottleError } from '../errors.js';
import type { FaultKindDefinition } from './FaultKindDefinition.js';
import { messageRuleSchema, messageScenarioSchema } from './sharedFields.js';

/** Fields of a `throttle` rule. */
export interface ThrottleFaultFields {
  /** `error` / `throttle`: the error message. */
  message?: string;
}

/**
 * `throttle`: the invocation fails as Lambda throttling it would, with `Lambda.TooManyRequestsException`
 * and Lambda's message unless the rule sets one.
 *
 * @example
 * ```ts
 * throttleFault.errorNamesRaised({}); // ['Lambda.TooManyRequestsException']
 * ```
 */
export const throttleFault: FaultKindDefinition<'throttle', ThrottleFaultFields> = {
  kind: 'throttle',
  ruleFields: { message: messageRuleSchema },
  scenarioKey: 'throttle',
  scenarioFields: {
    throttle: { const: true, description: 'true (drop the key to turn the fault off)' },
    message: messageScenarioSchema,
  },
  endsInvocation: true,
  ruleFieldsFromScenario(fault) {
    return typeof fault['message'] === 'string' ? { message: fault['message'] } : {};
  },
  apply: (rule, { faultId }) => ({ raise: new InjectedThrottleError({ faultId, kind: 'throttle' }, rule.message) }),
  errorNamesRaised: () => [LambdaErrorName.Throttle],
  plannedFailure: () => ({ errorName: LambdaErrorName.Throttle }),
};
