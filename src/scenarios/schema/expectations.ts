import { mapRunExpectationSchema } from './mapRunExpectation.js';
import { positiveInteger, seconds, text } from './primitives.js';

const backoffSchema = {
  anyOf: [
    seconds,
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { min: seconds, max: seconds },
    },
  ],
  description: 'a number of seconds, or { min, max } seconds for jitter',
} as const;

const stateExpectationSchema = {
  title: 'state expectation',
  type: 'object',
  additionalProperties: false,
  properties: {
    visit: positiveInteger,
    attempts: positiveInteger,
    backoff: { type: 'array', items: backoffSchema, description: 'a list of backoff gaps in seconds' },
    tolerance: seconds,
    errors: { type: 'array', items: text, description: 'a list of error names, one per failed attempt' },
    caughtBy: { type: ['string', 'null'], description: 'the name of the catching state, or null for "not caught"' },
    outcome: { enum: ['succeeded', 'caught', 'failed'], description: 'succeeded, caught or failed' },
    entered: { type: 'boolean', description: 'true or false' },
    fromPlan: {
      anyOf: [{ const: true }, { type: 'string', minLength: 1 }],
      description: "true (the error this scenario's fault injects) or an error name the state's Retry or Catch rules name",
    },
    mapRun: mapRunExpectationSchema,
  },
} as const;

/**
 * The execution statuses `expect: status:` accepts.
 *
 * @example
 * ```ts
 * EXECUTION_STATUSES.includes('SUCCEEDED'); // true
 * ```
 */
export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Schema of a scenario's `expect:`: the execution's status, error, output, and per-state expectations.
 *
 * @example
 * ```ts
 * const properties = { expect: expectSchema };
 * ```
 */
export const expectSchema = {
  title: 'expect',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with at least one of status, error, cause, output, outputIncludes, states',
  properties: {
    status: { enum: EXECUTION_STATUSES, description: EXECUTION_STATUSES.join(', ').replace(/, (?=[^,]*$)/, ' or ') },
    error: text,
    cause: { type: 'string', description: 'a string' },
    output: {},
    outputIncludes: {
      type: ['object', 'array'],
      description: 'a mapping (or list) the output must include, e.g. { error: { Error: HTTPError } }',
    },
    states: {
      type: 'object',
      additionalProperties: stateExpectationSchema,
      description: 'a mapping of state names to expectations',
    },
  },
} as const;
