/**
 * The explore report's contract: {@link exploreReportSchema} is published as
 * `schemas/explore-report.schema.json` (a test keeps the two equal). {@link EXPLORE_REPORT_SCHEMA_VERSION}
 * goes up when a key is removed, renamed or changes meaning; added keys keep the version.
 */

/** The `schemaVersion` of the explore reports this version of sfn-chaos writes. */
export const EXPLORE_REPORT_SCHEMA_VERSION = 1;

const isoDate = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const seconds = { type: 'number', minimum: 0 } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const shareSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'count', 'share', 'low', 'high'],
  properties: {
    outcome: {
      type: 'string',
      description: 'status, catchers that fired and error, e.g. "SUCCEEDED via Download Exoplanets → ErrorState"',
    },
    count,
    share: { type: 'number', minimum: 0, maximum: 1 },
    low: { type: 'number', minimum: 0, maximum: 1, description: 'Wilson 95 % interval, lower bound' },
    high: { type: 'number', minimum: 0, maximum: 1, description: 'Wilson 95 % interval, upper bound' },
  },
} as const;

const rowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['index', 'name', 'stateMachine', 'kind', 'faults', 'status', 'caught', 'virtualSeconds', 'attempts'],
  properties: {
    index: { ...count, description: "the case's position in the whole fault space (the same in every shard)" },
    name: { type: 'string', description: 'the case, and the name of its scenario in --emit-scenarios files' },
    stateMachine: { type: 'string' },
    kind: { enum: ['baseline', 'single', 'pair'] },
    faults: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tasks', 'errorName', 'label'],
        properties: { tasks: strings, errorName: { type: 'string' }, label: { type: 'string' } },
      },
    },
    status: { enum: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'RUNNING', 'PENDING_REDRIVE', 'ERROR'] },
    error: { type: 'string' },
    caught: { ...strings, description: 'each catcher that fired, "Task → destination", in history order' },
    virtualSeconds: { ...seconds, description: 'virtual time from ExecutionStarted to the end of the execution' },
    attempts: { type: 'object', additionalProperties: count, description: "attempts of each Task's first visit" },
  },
} as const;

const seriesSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['scenario', 'stateMachine', 'runs', 'seedBase', 'outcomes', 'meanVirtualSeconds', 'worstVirtualSeconds', 'expectationsHeld'],
  properties: {
    scenario: { type: 'string' },
    stateMachine: { type: 'string' },
    runs: count,
    seedBase: { type: 'string', description: 'run i used the seed "<seedBase>#i"' },
    outcomes: { type: 'array', items: shareSchema },
    meanVirtualSeconds: seconds,
    worstVirtualSeconds: seconds,
    expectationsHeld: shareSchema,
  },
} as const;

/** JSON Schema (draft-07) of `chaos explore --reporter json`. */
export const exploreReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'sfn-chaos explore report',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'kind',
    'file',
    'depth',
    'startedAt',
    'finishedAt',
    'workers',
    'executions',
    'summary',
    'rows',
    'monteCarlo',
    'unexercisedRules',
    'coverage',
    'notes',
  ],
  properties: {
    schemaVersion: { const: EXPLORE_REPORT_SCHEMA_VERSION },
    kind: { const: 'explore' },
    file: { type: 'string', description: 'the scenario file, relative to the folder chaos explore ran in' },
    depth: { enum: [1, 2] },
    shard: {
      type: 'object',
      additionalProperties: false,
      required: ['index', 'count'],
      properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } },
    },
    startedAt: isoDate,
    finishedAt: isoDate,
    workers: { type: 'integer', minimum: 1 },
    executions: count,
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['cases', 'byStatus', 'worstRecovery', 'catchers'],
      properties: {
        cases: count,
        byStatus: { type: 'object', additionalProperties: count },
        worstRecovery: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['seconds', 'case'],
              properties: { seconds, case: { type: 'string' } },
            },
          ],
        },
        catchers: { type: 'object', additionalProperties: count },
      },
    },
    rows: { type: 'array', items: rowSchema },
    monteCarlo: { type: 'array', items: seriesSchema },
    unexercisedRules: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['stateMachine', 'state', 'kind', 'field', 'errorEquals'],
        properties: {
          stateMachine: { type: 'string' },
          state: { type: 'string' },
          kind: { enum: ['Retry', 'Catch'] },
          field: { type: 'string' },
          errorEquals: strings,
        },
      },
    },
    coverage: { type: 'object', description: 'the same shape as the coverage of a chaos run JSON report' },
    notes: strings,
  },
} as const;
