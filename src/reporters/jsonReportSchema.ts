/**
 * The JSON report's contract: {@link jsonReportSchema} is published as `schemas/json-report.schema.json`
 * (a test keeps the two equal). {@link JSON_REPORT_SCHEMA_VERSION} is the report's `schemaVersion`: it
 * goes up when a key is removed, renamed or changes meaning; added keys keep the version.
 */

/** The `schemaVersion` of the reports this version of sfn-chaos writes. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

const isoDate = { type: 'string', format: 'date-time' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

const failureSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'expected', 'actual', 'message'],
  properties: {
    path: { type: 'string', description: 'the expectation that did not hold, e.g. states["Download Exoplanets"].attempts' },
    expected: {},
    actual: {},
    message: { type: 'string' },
    notCheckable: { const: true, description: 'the history lacks the events this expectation needs' },
  },
} as const;

const attemptSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attempt', 'scheduledEventId', 'scheduledAt', 'result'],
  properties: {
    attempt: { type: 'integer', minimum: 1 },
    scheduledEventId: { type: 'integer' },
    scheduledEventType: { type: 'string' },
    scheduledAt: isoDate,
    result: { enum: ['succeeded', 'failed', 'timedOut', 'running'] },
    endedAt: isoDate,
    endedEventId: { type: 'integer' },
    endedEventType: { type: 'string' },
    error: { type: 'string' },
    cause: { type: 'string' },
  },
} as const;

const stateVisitSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['visit', 'attempts', 'backoffIntervals', 'errors', 'outcome', 'catchDestination', 'attemptDetails'],
  properties: {
    visit: { type: 'integer', minimum: 1 },
    attempts: count,
    backoffIntervals: { type: 'array', items: { type: 'number' }, description: 'seconds between each failed attempt and the next' },
    errors: { type: 'array', items: { type: 'string' } },
    outcome: { enum: ['succeeded', 'caught', 'failed', 'running'] },
    catchDestination: nullableString,
    attemptDetails: { type: 'array', items: attemptSchema },
    enclosingState: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'visit', 'attempt'],
      description: 'the Map or Parallel visit (and its run) a nested state ran in',
      properties: {
        name: { type: 'string' },
        visit: { type: 'integer', minimum: 1 },
        attempt: { type: 'integer', minimum: 0, description: "0 when the history lacks the run's start event" },
        iterationIndex: { type: 'integer', minimum: 0, description: 'the Map iteration; absent for Parallel branches' },
      },
    },
  },
} as const;

const failedAttemptSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'stateName',
    'visit',
    'attempt',
    'failureEventId',
    'failureEventType',
    'error',
    'afterSubmission',
    'injected',
    'matchedBy',
    'faultId',
    'awsRequestId',
  ],
  properties: {
    stateName: { type: 'string' },
    visit: { type: 'integer', minimum: 1 },
    attempt: { type: 'integer', minimum: 1 },
    failureEventId: { type: 'integer' },
    failureEventType: { type: 'string' },
    error: nullableString,
    afterSubmission: { type: 'boolean' },
    injected: { type: 'boolean' },
    matchedBy: { enum: ['awsRequestId', 'order', null] },
    faultId: nullableString,
    awsRequestId: nullableString,
  },
} as const;

const executionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['executionArn', 'stateMachineArn', 'name', 'status', 'startDate', 'input'],
  properties: {
    executionArn: { type: 'string' },
    stateMachineArn: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] },
    startDate: isoDate,
    stopDate: isoDate,
    input: { description: 'the execution input, parsed (the text itself when it is not JSON)' },
    output: { description: 'the execution output, parsed (the text itself when it is not JSON)' },
    error: { type: 'string' },
    cause: { type: 'string' },
  },
} as const;

const childExecutionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'executionArn', 'stateMachineArn', 'status', 'startDate', 'stopDate', 'eventCount', 'states'],
  description: 'an execution started with states:startExecution (any pattern): how it ended, not its history',
  properties: {
    name: { type: 'string' },
    executionArn: { type: 'string' },
    stateMachineArn: { type: 'string' },
    status: executionSchema.properties.status,
    startDate: isoDate,
    stopDate: isoDate,
    error: { type: 'string' },
    cause: { type: 'string' },
    eventCount: { ...count, description: 'events in its history' },
    states: {
      type: 'object',
      additionalProperties: { type: 'array', items: stateVisitSchema },
      description: 'per state name, one entry per visit',
    },
    childExecutions: { type: 'array', items: { $ref: '#/definitions/childExecution' } },
  },
} as const;

const mapRunSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mapRunArn', 'stateName', 'startedEventId', 'status', 'itemCount', 'executionCounts'],
  description: "a Distributed Map's Map Run: counts only, however many items it ran",
  properties: {
    mapRunArn: { type: 'string' },
    stateName: { type: 'string' },
    startedEventId: { ...count, description: 'id of its MapRunStarted event' },
    status: { enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED'] },
    itemCount: { ...count, description: 'items read, before batching' },
    executionCounts: {
      type: 'object',
      additionalProperties: false,
      required: ['total', 'succeeded', 'failed', 'timedOut', 'aborted'],
      properties: { total: count, succeeded: count, failed: count, timedOut: count, aborted: count },
    },
  },
} as const;

const asyncInvocationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['stateName', 'functionName', 'functionArn', 'requestId', 'queuedDate', 'outcome', 'attempts'],
  description: "an InvocationType: Event invocation and Lambda's attempts at it; its errors never reached the state machine",
  properties: {
    stateName: { type: 'string' },
    functionName: { type: 'string' },
    functionArn: { type: 'string' },
    requestId: { type: 'string' },
    queuedDate: isoDate,
    outcome: { enum: ['succeeded', 'retriesExhausted', 'eventExpired'] },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['attempt', 'startDate', 'endDate', 'outcome'],
        properties: {
          attempt: { type: 'integer', minimum: 1 },
          startDate: isoDate,
          endDate: isoDate,
          outcome: { enum: ['succeeded', 'failed'] },
          error: { type: 'string' },
          cause: { type: 'string' },
        },
      },
    },
  },
} as const;

const historyEventSchema = {
  type: 'object',
  required: ['id', 'type', 'timestamp'],
  description: "an event as GetExecutionHistory returns it; the details keys are AWS's",
  properties: {
    id: { type: 'integer' },
    previousEventId: { type: 'integer' },
    type: { type: 'string' },
    timestamp: isoDate,
  },
} as const;

const scenarioSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'stateMachine',
    'verdict',
    'failures',
    'wallTimeMs',
    'execution',
    'states',
    'injectedFaults',
    'injectorWarnings',
    'history',
  ],
  properties: {
    name: { type: 'string' },
    stateMachine: { type: 'string' },
    verdict: { enum: ['passed', 'failed', 'error', 'skipped'] },
    failures: { type: 'array', items: failureSchema },
    error: { type: 'string', description: 'why the target could not run the scenario, or why it was skipped' },
    wallTimeMs: { type: 'number', minimum: 0 },
    execution: { anyOf: [executionSchema, { type: 'null' }] },
    states: {
      type: 'object',
      additionalProperties: { type: 'array', items: stateVisitSchema },
      description: 'per state name, one entry per visit',
    },
    injectedFaults: { type: 'array', items: { type: 'object' }, description: 'the fault-ledger lines of the scenario' },
    injectorWarnings: { type: 'array', items: { type: 'object' } },
    failedAttempts: { type: 'array', items: failedAttemptSchema },
    childExecutions: { type: 'array', items: { $ref: '#/definitions/childExecution' }, description: 'nested workflows (local target)' },
    mapRuns: { type: 'array', items: mapRunSchema, description: 'Map Runs of Distributed Map states (local target)' },
    asyncInvocations: { type: 'array', items: asyncInvocationSchema, description: 'InvocationType: Event invocations (local target)' },
    history: { type: 'array', items: historyEventSchema },
  },
} as const;

const ruleCoverageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'index', 'errorEquals', 'field', 'fired', 'scenarios'],
  properties: {
    kind: { enum: ['Retry', 'Catch'] },
    index: count,
    errorEquals: { type: 'array', items: { type: 'string' } },
    next: { type: 'string' },
    field: { type: 'string' },
    fired: count,
    scenarios: { type: 'array', items: { type: 'string' } },
    unreachableByFunctionFaults: { const: true },
  },
} as const;

const coverageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['stateMachines'],
  properties: {
    stateMachines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['stateMachine', 'scenarios', 'exercised', 'total', 'states'],
        properties: {
          stateMachine: { type: 'string' },
          scenarios: count,
          exercised: count,
          total: count,
          states: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'type', 'rules'],
              properties: {
                name: { type: 'string' },
                type: { enum: ['Task', 'Parallel', 'Map'] },
                rules: { type: 'array', items: ruleCoverageSchema },
              },
            },
          },
        },
      },
    },
  },
} as const;

/**
 * JSON Schema (draft-07) of the report `chaos run --reporter json` writes.
 *
 * @example
 * ```ts
 * import { Ajv } from 'ajv';
 * const validate = new Ajv({ allowUnionTypes: true, validateFormats: false }).compile(jsonReportSchema);
 * validate(JSON.parse(await readFile('chaos-results.json', 'utf8')));
 * ```
 */
export const jsonReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'sfn-chaos JSON report',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'file', 'target', 'runId', 'startedAt', 'finishedAt', 'summary', 'scenarios'],
  properties: {
    schemaVersion: { const: JSON_REPORT_SCHEMA_VERSION, description: 'the version of this schema the report follows' },
    file: { type: 'string', description: 'the scenario file, relative to the folder chaos run ran in' },
    target: { enum: ['local', 'aws'] },
    runId: { type: 'string' },
    startedAt: isoDate,
    finishedAt: isoDate,
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['passed', 'failed', 'error', 'skipped'],
      properties: { passed: count, failed: count, error: count, skipped: count },
    },
    scenarios: { type: 'array', items: scenarioSchema },
    coverage: coverageSchema,
  },
  definitions: { childExecution: childExecutionSchema },
} as const;
