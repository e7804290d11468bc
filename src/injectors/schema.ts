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

const jsonScalar = { type: ['string', 'number', 'boolean', 'null'] } as const;

/** Names the error object already uses for itself, which `cause` must not overwrite. */
const RESERVED_ERROR_FIELDS = ['name', 'message', 'stack', 'cause', 'faultId', 'faultKind'] as const;

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
    { type: 'object', additionalProperties: false, required: ['anyOf'], properties: { anyOf: { type: 'array', minItems: 1, items: jsonScalar } } },
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
      enum: ['error', 'throttle', 'timeout', 'latency'],
      description: 'What the fault does when it fires.',
    },
    errorName: {
      type: 'string',
      minLength: 1,
      description: 'kind "error": the error name Step Functions sees, e.g. "Lambda.ServiceException".',
    },
    message: { type: 'string', description: 'kind "error" or "throttle": the error message.' },
    cause: {
      type: 'object',
      description: 'kind "error": extra fields set on the thrown error object.',
      propertyNames: {
        description: `must not set ${RESERVED_ERROR_FIELDS.map((name) => `"${name}"`).join(', ')}, which the error sets itself`,
        not: { enum: RESERVED_ERROR_FIELDS },
      },
    },
    match: {
      type: 'object',
      description: 'JSONPath into the payload (starting with "$") to a condition; the fault fires only when every condition holds.',
      minProperties: 1,
      propertyNames: { description: 'a JSONPath starting with "$", such as "$.orderId"', pattern: '^\\$' },
      additionalProperties: faultMatchConditionSchema,
    },
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
      description: '"cause" applies only to kind "error"',
      if: { required: ['cause'] },
      then: { properties: { kind: { const: 'error' } } },
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
      then: { required: ['expiresAt'] },
    },
  ],
} as const;
