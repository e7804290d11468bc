import { positiveInteger, seconds, text } from './primitives.js';

/**
 * Schema of one entry of a scenario's `callbacks:`: how and when a `.waitForTaskToken` Task is answered.
 *
 * @example
 * ```ts
 * const callbacks = { type: 'array', items: callbackSchema };
 * ```
 */
export const callbackSchema = {
  title: 'callback',
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: {
    state: { type: 'string', minLength: 1, description: 'the name of a .waitForTaskToken Task' },
    visit: positiveInteger,
    attempt: positiveInteger,
    after: seconds,
    success: {},
    failure: {
      type: 'object',
      additionalProperties: false,
      required: ['error'],
      properties: {
        error: text,
        cause: { type: 'string', description: 'a string' },
      },
      description: 'a mapping with error: and optionally cause:',
    },
    heartbeat: { type: 'number', exclusiveMinimum: 0, description: 'the seconds between two heartbeats (above 0)' },
  },
} as const;
