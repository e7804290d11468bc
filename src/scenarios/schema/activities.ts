import { positiveInteger, seconds, text } from './primitives.js';

const errorAndCause = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: { error: text, cause: { type: 'string', description: 'a string' } },
  description: 'a mapping with error: and optionally cause:',
} as const;

/**
 * Schema of one entry of a scenario's `activities:`: the scripted worker of an activity Task (when it
 * polls, how it heartbeats, how it answers).
 *
 * @example
 * ```ts
 * const activities = { type: 'array', items: activityWorkerSchema };
 * ```
 */
export const activityWorkerSchema = {
  title: 'activity worker',
  type: 'object',
  additionalProperties: false,
  properties: {
    activity: { type: 'string', minLength: 1, description: 'the name of an activity (the last part of its ARN)' },
    state: { type: 'string', minLength: 1, description: 'the name of an activity Task' },
    visit: positiveInteger,
    attempt: positiveInteger,
    pollsAfter: {
      anyOf: [seconds, { const: 'never' }],
      description: 'a number of seconds (0 or more) or never',
    },
    workerName: text,
    after: seconds,
    success: {},
    failure: errorAndCause,
    heartbeat: { type: 'number', exclusiveMinimum: 0, description: 'the seconds between two heartbeats (above 0)' },
    heartbeatStopsAfter: seconds,
    scheduleFailure: errorAndCause,
    doesNotExist: { type: 'boolean', description: 'true or false' },
  },
} as const;
