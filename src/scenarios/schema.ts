import { seconds, seedSchema } from './schema/primitives.js';
import { scenarioSchema } from './schema/scenarios.js';
import { stateMachineSchema } from './schema/stateMachines.js';

/**
 * JSON Schema of the scenario file: the shape only. Rules that span several fields (exactly one
 * fault kind, known state names, …) are checked after it, in `load.ts`, where the messages can
 * say more. Every object is closed (`additionalProperties: false`) so that a typo fails loudly.
 *
 * `description` doubles as the message: a failed value "must be <description>".
 *
 * The parts are in `schema/`, one file per part of the file: `stateMachines.ts` (with `functions.ts`
 * and `services.ts`), `scenarios.ts` (with `faults.ts`, `callbacks.ts` and `expectations.ts`), and the
 * small shared values in `primitives.ts`. `assertScenarioFileShape.ts` checks a file against it, and
 * `rawScenarioFile.ts` types a file that passed.
 */

/**
 * The scenario file's JSON Schema, published as `schemas/scenario-file.schema.json`.
 *
 * @example
 * ```ts
 * const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(scenarioFileSchema);
 * ```
 */
export const scenarioFileSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'scenario file',
  type: 'object',
  additionalProperties: false,
  required: ['stateMachines', 'scenarios'],
  description: 'a mapping with stateMachines and scenarios',
  properties: {
    defaults: {
      title: 'defaults',
      type: 'object',
      additionalProperties: false,
      properties: {
        tolerance: seconds,
        seed: seedSchema,
      },
    },
    stateMachines: {
      type: 'object',
      minProperties: 1,
      additionalProperties: stateMachineSchema,
      description: 'a mapping of state machine names to { definition | template, … }',
    },
    scenarios: {
      type: 'array',
      minItems: 1,
      items: scenarioSchema,
      description: 'a non-empty list of scenarios',
    },
  },
} as const;
