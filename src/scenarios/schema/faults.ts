import { kindScenarioProperties } from '../../injectors/faultKinds/schemaFragments.js';
import { faultRuleSchema } from '../../injectors/schema.js';
import { text } from './primitives.js';

/**
 * Schema of one entry of a scenario's `faults:`: what it targets (a function, or a service Task by
 * state name or service call), the keys every fault has, and each fault kind's own keys from the
 * fault-kind table.
 *
 * @example
 * ```ts
 * const faults = { type: 'array', items: faultSchema };
 * ```
 */
export const faultSchema = {
  title: 'fault',
  type: 'object',
  additionalProperties: false,
  // What a fault targets, exactly one of function:, state:, service: or activity:, is checked by the loader (loadScenario.ts).
  properties: {
    id: text,
    function: text,
    state: { ...text, description: 'the name of a service Task (not a Lambda one) whose calls the fault breaks' },
    service: {
      ...text,
      description: 'a service call (dynamodb:putItem, aws-sdk:s3:listObjects) whose Tasks the fault breaks',
    },
    activity: { ...text, description: "an activity's name or ARN, whose Tasks' workers the fault breaks" },
    stateMachine: { ...text, description: 'the stateMachines: key of the nested workflow whose function or Task the fault names' },
    // Each kind's own keys (error:, message:, cause:, throttle:, timeout:, latency:), from the fault-kind table.
    ...kindScenarioProperties(),
    rate: { type: 'number', minimum: 0, maximum: 1, description: 'a probability between 0 and 1' },
    attempts: {
      type: 'array',
      minItems: 1,
      items: { type: 'integer', minimum: 1, description: 'a 1-based attempt number (1, 2, …)' },
      description: 'a non-empty list of 1-based attempt numbers, e.g. [1, 2]',
    },
    // The same schema as a deployed function's fault config: one definition of what a rule accepts.
    match: faultRuleSchema.properties.match,
  },
} as const;
