import { FAULT_KIND_NAMES } from './faultKinds/index.js';
import { kindRuleConditions, kindRuleProperties } from './faultKinds/schemaFragments.js';

/**
 * JSON Schema (draft-07) of the fault configuration. `parseChaosConfig` validates with it, and it is
 * exported so editors and the scenario loader can use the same rules.
 *
 * Descriptions on `not`, `if`/`then`, `anyOf` and `pattern` rules double as the error text
 * `parseChaosConfig` reports when the rule is broken, so they are written as rules.
 * Three checks a JSON Schema cannot express are made by `parseChaosConfig` alone: a latency range
 * must have `min <= max`, `expiresAt` must be a real date, and fault ids (given or defaulted) must be unique.
 */

const jsonScalar = { type: ['string', 'number', 'boolean', 'null'] } as const;

/**
 * Schema of one `match` condition. Exported for the scenario loader, so that a scenario's fault and a
 * deployed function's config accept the same conditions.
 *
 * @example
 * ```ts
 * const matchSchema = { type: 'object', additionalProperties: faultMatchConditionSchema };
 * ```
 */
export const faultMatchConditionSchema = {
  description:
    'a condition: a string, number, boolean or null to equal, or one of { "equals": value }, { "anyOf": [values] }, { "prefix": "text" }, { "exists": true|false }',
  anyOf: [
    jsonScalar,
    { type: 'object', additionalProperties: false, required: ['equals'], properties: { equals: jsonScalar } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['anyOf'],
      properties: { anyOf: { type: 'array', minItems: 1, items: jsonScalar } },
    },
    { type: 'object', additionalProperties: false, required: ['prefix'], properties: { prefix: { type: 'string' } } },
    { type: 'object', additionalProperties: false, required: ['exists'], properties: { exists: { type: 'boolean' } } },
  ],
} as const;

/**
 * Schema of one `FaultRule`. Unknown keys are rejected.
 *
 * @example
 * ```ts
 * const schemaForEditors = { type: 'object', properties: { faults: { type: 'array', items: faultRuleSchema } } };
 * ```
 */
export const faultRuleSchema = {
  title: 'fault rule',
  type: 'object',
  description: 'One fault rule, as armed for one function.',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    id: {
      type: 'string',
      minLength: 1,
      description: 'Stable id reported in the fault ledger; defaults to "<kind>-<index>".',
    },
    kind: {
      type: 'string',
      enum: FAULT_KIND_NAMES,
      description: 'What the fault does when it fires.',
    },
    // Each kind's own fields (errorName, message, cause, durationMs, latencyMs), from the fault-kind table.
    ...kindRuleProperties(),
    match: {
      type: 'object',
      description: 'JSONPath into the payload (starting with "$") to a condition; the fault fires only when every condition holds.',
      minProperties: 1,
      propertyNames: { description: 'a JSONPath starting with "$", such as "$.orderId"', pattern: '^\\$' },
      additionalProperties: faultMatchConditionSchema,
    },
    rate: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'Probability (0..1) that the fault fires on an invocation.',
    },
    attempts: {
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      minItems: 1,
      uniqueItems: true,
      description: '1-based attempt numbers ($$.State.RetryCount + 1) on which the fault fires.',
    },
  },
  allOf: [
    {
      description: '"rate" and "attempts" cannot be combined; give one of them, or neither to fire on every invocation',
      not: { required: ['rate', 'attempts'] },
    },
    // Which fields each kind requires, and which kinds each field applies to, from the fault-kind table.
    ...kindRuleConditions(),
  ],
} as const;

/**
 * Schema of a whole `ChaosConfig`. Unknown keys are rejected at every level.
 *
 * @example
 * ```ts
 * import { Ajv } from 'ajv';
 * const validate = new Ajv({ allowUnionTypes: true }).compile(chaosConfigSchema);
 * validate({ faults: [{ kind: 'throttle', attempts: [1] }] }); // true
 * ```
 */
export const chaosConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'sfn-chaos fault configuration',
  type: 'object',
  additionalProperties: false,
  required: ['faults'],
  properties: {
    faults: { type: 'array', items: faultRuleSchema, description: 'Fault rules, evaluated in order.' },
    seed: {
      type: ['integer', 'string'],
      description: 'Seed for "rate" faults and latency ranges; the same seed repeats the same sequence.',
    },
    expiresAt: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}',
      description: 'an ISO-8601 date-time such as "2026-12-01T00:00:00Z", after which nothing is injected',
    },
    runId: { type: 'string', description: 'Run id written to the fault ledger.' },
    scenarioId: { type: 'string', description: 'Scenario id written to the fault ledger.' },
  },
} as const;

/**
 * Schema of a config armed from outside the function's code: an SSM parameter, `SFN_CHAOS_CONFIG` or
 * the payload's `sfnChaos` key. Same as {@link chaosConfigSchema}, plus: a config that arms any fault
 * must carry `expiresAt`, so that a runner that dies mid-run leaves nothing armed for long. The runner
 * validates what it writes against this schema; the injector rejects (with one warning) what fails it.
 *
 * @example
 * ```ts
 * import { Ajv } from 'ajv';
 * const validate = new Ajv({ allowUnionTypes: true }).compile(armedChaosConfigSchema);
 * validate({ faults: [{ kind: 'throttle' }] }); // false: no expiresAt
 * validate({ expiresAt: '2026-12-01T00:00:00Z', faults: [{ kind: 'throttle' }] }); // true
 * validate({ faults: [] }); // true: nothing is armed
 * ```
 */
export const armedChaosConfigSchema = {
  ...chaosConfigSchema,
  title: 'sfn-chaos fault configuration, armed from outside the code',
  allOf: [
    {
      description: '"expiresAt" is required when a config read from outside the code (SSM, SFN_CHAOS_CONFIG, the payload) arms a fault',
      if: { required: ['faults'], properties: { faults: { type: 'array', minItems: 1 } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
      then: { required: ['expiresAt'] },
    },
  ],
} as const;
