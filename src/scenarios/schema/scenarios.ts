import { activityWorkerSchema } from './activities.js';
import { callbackSchema } from './callbacks.js';
import { expectSchema } from './expectations.js';
import { faultSchema } from './faults.js';
import { seedSchema, text } from './primitives.js';
import { s3ObjectsSchema } from './s3Objects.js';
import { servicesSchema } from './services.js';

/**
 * Schema of one entry of `scenarios:`: its state machine, input, faults, stand-ins, callbacks and
 * what it expects.
 *
 * @example
 * ```ts
 * const scenarios = { type: 'array', minItems: 1, items: scenarioSchema };
 * ```
 */
export const scenarioSchema = {
  title: 'scenario',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'expect'],
  properties: {
    name: text,
    stateMachine: text,
    input: {},
    seed: seedSchema,
    faults: { type: 'array', items: faultSchema, description: 'a list of faults' },
    services: servicesSchema,
    s3Objects: s3ObjectsSchema,
    callbacks: { type: 'array', items: callbackSchema, description: 'a list of callbacks' },
    activities: { type: 'array', items: activityWorkerSchema, description: 'a list of activity workers' },
    expect: expectSchema,
  },
} as const;
