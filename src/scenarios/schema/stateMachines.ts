import { functionSchema } from './functions.js';
import { scalarValue, text } from './primitives.js';
import { s3ObjectsSchema } from './s3Objects.js';
import { servicesSchema } from './services.js';

/**
 * Schema of one entry of `stateMachines:`: its definition or template, its functions and services.
 *
 * @example
 * ```ts
 * const stateMachines = { type: 'object', additionalProperties: stateMachineSchema };
 * ```
 */
export const stateMachineSchema = {
  title: 'state machine',
  type: 'object',
  additionalProperties: false,
  properties: {
    definition: text,
    template: text,
    resource: text,
    substitutions: { type: 'object', additionalProperties: scalarValue, description: 'a mapping of variable names to values' },
    parameters: { type: 'object', additionalProperties: scalarValue, description: 'a mapping of template parameter names to values' },
    functions: {
      type: 'object',
      additionalProperties: functionSchema,
      description: 'a mapping of function names to { handler, arn, name, timeout }',
    },
    name: text,
    type: { enum: ['STANDARD', 'EXPRESS'], description: 'STANDARD or EXPRESS' },
    services: servicesSchema,
    deployed: { type: 'string', minLength: 1, description: 'the deployed state machine for --target aws: a state machine ARN or name' },
    s3Objects: s3ObjectsSchema,
  },
} as const;
