/**
 * JSON Schema (draft-07) of the fault configuration. `parseChaosConfig` validates with it, and it is
 * exported so editors and the scenario loader can use the same rules.
 *
 * Descriptions on `not`, `if`/`then`, `anyOf` and `pattern` rules double as the error text
 * `parseChaosConfig` reports when the rule is broken, so they are written as rules.
 * Three checks a JSON Schema cannot express are made by `parseChaosConfig` alone: a latency range
 * must have `min <= max`, `expiresAt` must be a real date, and fault ids (given or defaulted) must be unique.
 */

const milliseconds = { type: 'number', minimum: 0 } as const;

/**
 * Schema of one `FaultRule`. Unknown keys are rejected.
 *
 * @example
 * ```ts
 * const schemaForEditors = { type: 'object', properties: { faults: { type: 'array', items: faultRuleSchema } } };
 * ```
 */
export const faultRuleSchema = {
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
      enum: ['error', 'throttle', 'timeout', 'latency'],
      description: 'What the fault does when it fires.',
    },
    errorName: {
      type: 'string',
      minLength: 1,
      description: 'kind "error": the error name Step Functions sees, e.g. "Lambda.ServiceException".',
    },
    message: { type: 'string', description: 'kind "error" or "throttle": the error message.' },
    durationMs: {
      ...milliseconds,
      description: "kind \"timeout\": how long to hang; default: the function's remaining time.",
    },
    latencyMs: {
      description: 'a delay in milliseconds, either a number or a [min, max] pair',
      anyOf: [
        milliseconds,
        { type: 'array', items: [milliseconds, milliseconds], minItems: 2, additionalItems: false },
      ],
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
    {
      description: '"errorName" is required when kind is "error"',
      if: { required: ['kind'], properties: { kind: { const: 'error' } } },
      then: { required: ['errorName'] },
    },
    {
      description: '"latencyMs" is required when kind is "latency"',
      if: { required: ['kind'], properties: { kind: { const: 'latency' } } },
      then: { required: ['latencyMs'] },
    },
    {
      description: '"errorName" applies only to kind "error"',
      if: { required: ['errorName'] },
      then: { properties: { kind: { const: 'error' } } },
    },
    {
      description: '"message" applies only to kinds "error" and "throttle"',
      if: { required: ['message'] },
      then: { properties: { kind: { enum: ['error', 'throttle'] } } },
    },
    {
      description: '"durationMs" applies only to kind "timeout"',
      if: { required: ['durationMs'] },
      then: { properties: { kind: { const: 'timeout' } } },
    },
    {
      description: '"latencyMs" applies only to kind "latency"',
      if: { required: ['latencyMs'] },
      then: { properties: { kind: { const: 'latency' } } },
    },
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
