import { Ajv, type ErrorObject } from 'ajv';
import { InvalidInputError } from '../errors.js';
import { kindScenarioProperties } from '../injectors/faultKinds/schemaFragments.js';
import { faultRuleSchema } from '../injectors/schema.js';
import type { FaultMatch, JsonValue } from '../injectors/types.js';
import { didYouMean, formatPath, listNames, type DocumentPath } from '../sources/loadErrors.js';
import { findNode, locatePath, type YamlSource } from '../sources/loadYaml.js';

/**
 * JSON Schema of the scenario file: the shape only. Rules that span several fields (exactly one
 * fault kind, known state names, …) are checked after it, in `load.ts`, where the messages can
 * say more. Every object is closed (`additionalProperties: false`) so that a typo fails loudly.
 *
 * `description` doubles as the message: a failed value "must be <description>".
 */

const seconds = { type: 'number', minimum: 0, description: 'a number of seconds (0 or more)' } as const;
const positiveInteger = { type: 'integer', minimum: 1, description: 'a whole number, 1 or more' } as const;
const text = { type: 'string', minLength: 1, description: 'a non-empty string' } as const;
const scalarValue = {
  type: ['string', 'number', 'boolean'],
  description: 'a string, number or boolean',
} as const;

const functionSchema = {
  title: 'function',
  type: 'object',
  additionalProperties: false,
  properties: {
    handler: { type: 'string', minLength: 1, description: 'a handler as "path/to/file.mjs#exportName"' },
    arn: {
      type: 'string',
      pattern: '^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$',
      description: 'a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)',
    },
    name: text,
    timeout: { type: 'number', exclusiveMinimum: 0, maximum: 900, description: 'the function timeout in seconds (above 0, at most 900)' },
    runtime: { enum: ['nodejs', 'python'], description: 'nodejs or python (how thrown errors are reported)' },
    deployed: { type: 'string', minLength: 1, description: 'the deployed function for --target aws: a function name or ARN' },
  },
} as const;

const serviceStandInSchema = {
  title: 'service stand-in',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with response:, error: (and cause:) or handler:',
  properties: {
    response: {},
    error: { type: 'string', minLength: 1, description: 'the error name the service reports, e.g. S3.NoSuchBucketException' },
    cause: { type: 'string', description: 'a string' },
    handler: { type: 'string', minLength: 1, description: 'a handler as "path/to/file.mjs#exportName"' },
  },
} as const;

const servicesSchema = {
  type: 'object',
  additionalProperties: serviceStandInSchema,
  description: 'a mapping of service calls (sqs:sendMessage, aws-sdk:s3:listObjects) or Task names to stand-ins',
} as const;

const callbackSchema = {
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

const stateMachineSchema = {
  title: 'state machine',
  type: 'object',
  additionalProperties: false,
  properties: {
    definition: text,
    template: text,
    resource: text,
    substitutions: { type: 'object', additionalProperties: scalarValue, description: 'a mapping of variable names to values' },
    parameters: { type: 'object', additionalProperties: scalarValue, description: 'a mapping of template parameter names to values' },
    functions: { type: 'object', additionalProperties: functionSchema, description: 'a mapping of function names to { handler, arn, name, timeout }' },
    name: text,
    type: { enum: ['STANDARD', 'EXPRESS'], description: 'STANDARD or EXPRESS' },
    services: servicesSchema,
    deployed: { type: 'string', minLength: 1, description: 'the deployed state machine for --target aws: a state machine ARN or name' },
  },
} as const;

const faultSchema = {
  title: 'fault',
  type: 'object',
  additionalProperties: false,
  required: ['function'],
  properties: {
    id: text,
    function: text,
    // Each kind's own keys (error:, message:, cause:, throttle:, timeout:, latency:), from the fault-kind table.
    ...kindScenarioProperties(),
    rate: { type: 'number', minimum: 0, maximum: 1, description: 'a probability between 0 and 1' },
    attempts: {
      type: 'array',
      minItems: 1,
      items: { type: 'integer', minimum: 1, description: 'a 1-based attempt number (1, 2, …)' },
      description: 'a non-empty list of 1-based attempt numbers, e.g. [1, 2]',
    },
    // The same schema as a deployed function's fault config: one definition of what a rule accepts.
    match: faultRuleSchema.properties.match,
  },
} as const;

const backoffSchema = {
  anyOf: [
    seconds,
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { min: seconds, max: seconds },
    },
  ],
  description: 'a number of seconds, or { min, max } seconds for jitter',
} as const;

const stateExpectationSchema = {
  title: 'state expectation',
  type: 'object',
  additionalProperties: false,
  properties: {
    visit: positiveInteger,
    attempts: positiveInteger,
    backoff: { type: 'array', items: backoffSchema, description: 'a list of backoff gaps in seconds' },
    tolerance: seconds,
    errors: { type: 'array', items: text, description: 'a list of error names, one per failed attempt' },
    caughtBy: { type: ['string', 'null'], description: 'the name of the catching state, or null for "not caught"' },
    outcome: { enum: ['succeeded', 'caught', 'failed'], description: 'succeeded, caught or failed' },
    entered: { type: 'boolean', description: 'true or false' },
    fromPlan: {
      anyOf: [{ const: true }, { type: 'string', minLength: 1 }],
      description: 'true (the error this scenario\'s fault injects) or an error name the state\'s Retry or Catch rules name',
    },
  },
} as const;

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

const expectSchema = {
  title: 'expect',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with at least one of status, error, cause, output, outputIncludes, states',
  properties: {
    status: { enum: EXECUTION_STATUSES, description: EXECUTION_STATUSES.join(', ').replace(/, (?=[^,]*$)/, ' or ') },
    error: text,
    cause: { type: 'string', description: 'a string' },
    output: {},
    outputIncludes: {
      type: ['object', 'array'],
      description: 'a mapping (or list) the output must include, e.g. { error: { Error: HTTPError } }',
    },
    states: {
      type: 'object',
      additionalProperties: stateExpectationSchema,
      description: 'a mapping of state names to expectations',
    },
  },
} as const;

const scenarioSchema = {
  title: 'scenario',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'expect'],
  properties: {
    name: text,
    stateMachine: text,
    input: {},
    seed: { type: ['integer', 'string'], description: 'a whole number or a string' },
    faults: { type: 'array', items: faultSchema, description: 'a list of faults' },
    services: servicesSchema,
    callbacks: { type: 'array', items: callbackSchema, description: 'a list of callbacks' },
    expect: expectSchema,
  },
} as const;

/** The scenario file's JSON Schema. */
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
        seed: { type: ['integer', 'string'], description: 'a whole number or a string' },
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

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
const validateScenarioFile = ajv.compile(scenarioFileSchema);

/**
 * Checks a parsed scenario file against {@link scenarioFileSchema}; throws an
 * {@link InvalidInputError} for the first problem in reading order, located at its line.
 */
export function assertScenarioFileShape(value: unknown, source: YamlSource): void {
  if (validateScenarioFile(value)) return;
  const errors = validateScenarioFile.errors ?? [];
  const chosen = pickError(errors, source);
  if (!chosen) throw new InvalidInputError('the scenario file does not match the expected shape', { file: source.file });
  throw describeSchemaError(chosen, source);
}

function pathOf(error: ErrorObject): string[] {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toDocumentPath(path: readonly string[]): (string | number)[] {
  return path.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Ajv reports every failed branch of an `anyOf` plus the `anyOf` itself. Keep an `anyOf` error
 * unless a branch failed deeper inside the value (that one says more); keep other errors as they are.
 * Then report the first problem in document order; a missing key sorts after the problems inside
 * the same mapping, since fixing a misspelt key often fixes the missing one.
 */
function pickError(errors: readonly ErrorObject[], source: YamlSource): ErrorObject | undefined {
  const anyOfErrors = errors.filter((error) => error.keyword === 'anyOf');
  const kept = errors.filter((error) => {
    const owner = anyOfErrors.find((anyOf) => error !== anyOf && error.schemaPath.startsWith(anyOf.schemaPath.replace(/\/anyOf$/, '/anyOf/')));
    if (error.keyword === 'anyOf') {
      const deeper = errors.some((other) => other.schemaPath.startsWith(error.schemaPath + '/') && other.instancePath.length > error.instancePath.length);
      return !deeper;
    }
    if (owner) return error.instancePath.length > owner.instancePath.length;
    return true;
  });
  const ranked = kept.map((error) => ({ error, rank: rankOf(error, source) }));
  ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
  return ranked[0]?.error;
}

function rankOf(error: ErrorObject, source: YamlSource): [number, number, number] {
  const path = toDocumentPath(pathOf(error));
  if (error.keyword === 'required' || error.keyword === 'minProperties') {
    const end = endOfValue(source, path);
    return [end, 0, 1];
  }
  const target = error.keyword === 'additionalProperties' ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)] : path;
  const at = locatePath(source, target, 'key');
  return [source.lineCounter.lineStarts[at.line - 1] ?? 0, at.column, 0];
}

function endOfValue(source: YamlSource, path: DocumentPath): number {
  const found = findNode(source, source.doc.contents, path);
  const node = found.node ?? found.keyNode;
  return node?.range?.[1] ?? source.text.length;
}

function describeSchemaError(error: ErrorObject, source: YamlSource): InvalidInputError {
  const path = toDocumentPath(pathOf(error));
  const where = path.length === 0 ? 'the scenario file' : formatPath(path);
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
      const title = (error.parentSchema as { title?: string }).title ?? where;
      const hint = didYouMean(key, known) || (known.length > 0 ? `; expected one of ${listNames(known, 12)}` : '');
      return new InvalidInputError(`unknown key ${JSON.stringify(key)} in ${title}${hint}`, locatePath(source, [...path, key], 'key'));
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return new InvalidInputError(`${where} is missing ${JSON.stringify(key)}`, locatePath(source, path, 'key'));
    }
    case 'minProperties':
      return new InvalidInputError(`${where} is empty; it must be ${description ?? 'a non-empty mapping'}`, locatePath(source, path, 'key'));
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return new InvalidInputError(`${where} must be ${description ?? `one of ${listNames(allowed)}`}, not ${shortValue(error.data)}${hint}`, locatePath(source, path));
    }
    default: {
      const expected = description ?? fallbackDescription(error);
      return new InvalidInputError(`${where} must be ${expected}, not ${shortValue(error.data)}`, locatePath(source, path));
    }
  }
}

function fallbackDescription(error: ErrorObject): string {
  if (error.keyword === 'type') {
    const type = (error.params as { type: string | string[] }).type;
    const names: Record<string, string> = {
      object: 'a mapping',
      array: 'a list',
      string: 'a string',
      number: 'a number',
      integer: 'a whole number',
      boolean: 'true or false',
      null: 'null',
    };
    const types = Array.isArray(type) ? type : type.split(',');
    return types.map((name) => names[name] ?? name).join(' or ');
  }
  return (error.message ?? 'valid').replace(/^must (be )?/, '');
}

/**
 * A value as a message shows it: short, one line, and saying what a bound is about (`an empty list`,
 * `a list of 3 items`), so that "must be a non-empty list …, not an empty list" reads right.
 */
export function shortValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  if (value === '') return 'an empty string';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
}

/** A scenario file as written, once it matches {@link scenarioFileSchema}. */
export interface RawScenarioFile {
  defaults?: { tolerance?: number; seed?: number | string };
  stateMachines: Record<string, RawStateMachine>;
  scenarios: RawScenario[];
}

export type RawScalar = string | number | boolean;

export interface RawStateMachine {
  definition?: string;
  template?: string;
  resource?: string;
  substitutions?: Record<string, RawScalar>;
  parameters?: Record<string, RawScalar>;
  functions?: Record<string, RawFunction>;
  name?: string;
  type?: 'STANDARD' | 'EXPRESS';
  services?: Record<string, RawServiceStandIn>;
  deployed?: string;
}

export interface RawServiceStandIn {
  response?: unknown;
  error?: string;
  cause?: string;
  handler?: string;
}

export interface RawCallback {
  state: string;
  visit?: number;
  attempt?: number;
  after?: number;
  success?: unknown;
  failure?: { error: string; cause?: string };
  heartbeat?: number;
}

export interface RawFunction {
  handler?: string;
  arn?: string;
  name?: string;
  timeout?: number;
  runtime?: 'nodejs' | 'python';
  deployed?: string;
}

export interface RawScenario {
  name: string;
  stateMachine?: string;
  input?: unknown;
  seed?: number | string;
  faults?: RawFault[];
  services?: Record<string, RawServiceStandIn>;
  callbacks?: RawCallback[];
  expect: RawExpectation;
}

/**
 * A scenario fault as written: the keys every fault has, and its kind's own keys (`error:`,
 * `throttle: true`, `latency:`, …), which the fault-kind table's entries read.
 */
export interface RawFault {
  id?: string;
  function: string;
  rate?: number;
  attempts?: number[];
  match?: FaultMatch;
  readonly [kindKey: string]: unknown;
}

export type RawBackoff = number | { min?: number; max?: number };

export interface RawStateExpectation {
  visit?: number;
  attempts?: number;
  backoff?: RawBackoff[];
  tolerance?: number;
  errors?: string[];
  caughtBy?: string | null;
  outcome?: 'succeeded' | 'caught' | 'failed';
  entered?: boolean;
  /** Compute attempts, backoff and caughtBy from the definition's rules: `true` (the injected error) or an error name. */
  fromPlan?: true | string;
}

export interface RawExpectation {
  status?: (typeof EXECUTION_STATUSES)[number];
  error?: string;
  cause?: string;
  output?: unknown;
  /** A part of the output to find in it: listed keys must match, other keys may be there. */
  outputIncludes?: Record<string, unknown> | unknown[];
  states?: Record<string, RawStateExpectation>;
}
