import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type jsonataModule from 'jsonata';
import { hashAlgorithms, intrinsicFunctions, IntrinsicFunctionError } from './intrinsicFunctions.js';
import { isJsonObject, toJsonValue, type JsonObject, type JsonValue } from './json.js';

/**
 * JSONata in Step Functions: any string written as `{% expression %}` inside `Arguments`, `Output`,
 * `Assign`, `Condition` and the other JSONata-capable fields is evaluated with the `jsonata` package;
 * every other value is taken literally. Expressions see `$states` (`input`, `result`, `errorOutput`,
 * `context`), the workflow variables, and the functions AWS adds to JSONata.
 */

/** A JSONata expression failed or produced no usable value: the state fails with `States.QueryEvaluationError`. */
export class QueryEvaluationFailure extends Error {
  readonly detail: string;
  /** The field that failed, as the `location` of an `EvaluationFailed` event: `Arguments/Payload/id`, `Output`. */
  readonly location: string | undefined;
  constructor(detail: string, location?: string) {
    super(detail);
    this.name = 'QueryEvaluationFailure';
    this.detail = detail;
    this.location = location;
  }
}

/** What `$states` holds while a field is evaluated; members that do not apply are left out. */
export interface StatesBinding {
  input: JsonValue;
  context: JsonValue;
  result?: JsonValue;
  errorOutput?: JsonValue;
}

export interface JsonataEnvironment {
  states: StatesBinding;
  /** The workflow variables visible to the state, by name (read as `$name`). */
  variables: JsonObject;
  /** The execution's random source (`$random()`). */
  random: () => number;
  /** Virtual time in ms since the epoch (`$now()`, `$millis()`). */
  now: () => number;
}

const expressionPattern = /^\{%([\s\S]*)%\}$/;

/** Whether a string is a JSONata expression (`{% … %}`) rather than a literal. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && expressionPattern.test(value);
}

/** The expression inside `{% … %}`, trimmed, as AWS quotes it in causes. */
export function expressionTextOf(value: string): string {
  return (expressionPattern.exec(value)?.[1] ?? value).trim();
}

let jsonataPackage: typeof jsonataModule | undefined;

/**
 * The `jsonata` package, loaded (synchronously, it is CommonJS) by the first definition that has a JSONata
 * expression: a run of JSONPath-only state machines never loads it.
 */
function jsonata(text: string): jsonataModule.Expression {
  jsonataPackage ??= createRequire(import.meta.url)('jsonata') as typeof jsonataModule;
  return jsonataPackage(text);
}

const compiled = new Map<string, jsonataModule.Expression>();

function compile(text: string): jsonataModule.Expression {
  let expression = compiled.get(text);
  if (!expression) {
    expression = jsonata(text);
    compiled.set(text, expression);
  }
  return expression;
}

/** The syntax error of a `{% … %}` string, or undefined when it compiles. */
export function jsonataSyntaxProblem(value: string): string | undefined {
  try {
    compile(expressionTextOf(value));
    return undefined;
  } catch (error) {
    const failure = error as { code?: string; message?: string; position?: number };
    return `The JSONata expression '${expressionTextOf(value)}' is invalid: ${failure.code ?? ''} ${failure.message ?? String(error)}`.replace(
      /\s+/g,
      ' ',
    );
  }
}

let formatTime: jsonataModule.Expression | undefined;

/** The functions Step Functions adds to JSONata (and `$eval`, which it removes). */
function awsFunctions(environment: JsonataEnvironment): Record<string, unknown> {
  const intrinsic = (name: string, args: JsonValue[]): JsonValue => {
    const implementation = intrinsicFunctions[name] as (typeof intrinsicFunctions)[string];
    try {
      return implementation(args, { random: environment.random }, name);
    } catch (error) {
      if (error instanceof IntrinsicFunctionError) throw new QueryEvaluationFailure(error.message);
      throw error;
    }
  };
  return {
    partition: (array: JsonValue, size: JsonValue) => intrinsic('States.ArrayPartition', [array, size]),
    range: (start: JsonValue, end: JsonValue, step: JsonValue) => {
      // $range ends before `end`, unlike States.ArrayRange.
      const values = intrinsic('States.ArrayRange', [start, end, step]) as number[];
      return values.filter((value) => value !== end);
    },
    hash: (data: JsonValue, algorithm: JsonValue) => {
      const nodeAlgorithm = typeof algorithm === 'string' ? (hashAlgorithms as Record<string, string>)[algorithm] : undefined;
      if (typeof data !== 'string' || nodeAlgorithm === undefined) {
        throw new QueryEvaluationFailure(`$hash needs a string and one of ${Object.keys(hashAlgorithms).join(', ')}`);
      }
      return createHash(nodeAlgorithm).update(data, 'utf8').digest('hex');
    },
    random: (seed?: JsonValue) => {
      if (seed === undefined) return environment.random();
      return (intrinsic('States.MathRandom', [0, 2 ** 31 - 1, seed]) as number) / 2 ** 31;
    },
    uuid: () => randomUUID(),
    parse: (text: JsonValue) => intrinsic('States.StringToJson', [text]),
    eval: () => {
      throw new QueryEvaluationFailure('$eval is not available in Step Functions; use $parse');
    },
    millis: () => environment.now(),
    now: (picture?: string, timezone?: string) =>
      (formatTime ??= jsonata('$fromMillis($ms, $picture, $timezone)')).evaluate(
        {},
        { ms: environment.now(), picture, timezone },
      ) as Promise<string>,
  };
}

/**
 * Evaluates one JSONata field value: a `{% %}` string, or any JSON in which `{% %}` strings are
 * replaced by their values (object keys are never evaluated). `field` names where the value sits,
 * as AWS does in causes: `Output`, `Arguments/Payload/id`, `Assign/total`, `Choices[0]/Condition`.
 *
 * @example
 * await evaluateJsonataTemplate({ total: '{% $sum($states.input.prices) %}' }, 'Output', {
 *   states: { input: { prices: [1, 2] }, context: {} }, variables: {}, random: Math.random, now: Date.now,
 * });
 * // { total: 3 }
 */
export async function evaluateJsonataTemplate(template: JsonValue, field: string, environment: JsonataEnvironment): Promise<JsonValue> {
  if (isJsonataExpression(template)) return evaluateJsonataExpression(template, field, environment);
  if (Array.isArray(template)) {
    const items: JsonValue[] = [];
    for (const [index, item] of template.entries()) items.push(await evaluateJsonataTemplate(item, `${field}[${index}]`, environment));
    return items;
  }
  if (!isJsonObject(template)) return template;
  const resolved: JsonObject = {};
  for (const [key, value] of Object.entries(template)) resolved[key] = await evaluateJsonataTemplate(value, `${field}/${key}`, environment);
  return resolved;
}

/** Evaluates a single `{% … %}` string. */
export async function evaluateJsonataExpression(value: string, field: string, environment: JsonataEnvironment): Promise<JsonValue> {
  const text = expressionTextOf(value);
  const prefix = `The JSONata expression '${text}' specified for the field '${field}'`;
  let result: unknown;
  try {
    const bindings = { ...environment.variables, ...awsFunctions(environment), states: environment.states };
    result = await compile(text).evaluate(undefined, bindings);
  } catch (error) {
    if (error instanceof QueryEvaluationFailure) throw new QueryEvaluationFailure(`${prefix} failed: ${error.detail}`, field);
    const failure = error as { code?: string; message?: string };
    // AWS's wording for JSONata run-time errors is UNCONFIRMED; this names the JSONata error code and message.
    throw new QueryEvaluationFailure(
      `${prefix} threw an error: ${failure.code === undefined ? '' : `${failure.code}: `}${failure.message ?? String(error)}`,
      field,
    );
  }
  // Observed AWS wording for an expression that selects nothing.
  if (result === undefined) throw new QueryEvaluationFailure(`${prefix} returned nothing (undefined).`, field);
  const json = typeof result === 'function' ? undefined : toJsonValue(result);
  if (json === undefined || (typeof result === 'number' && !Number.isFinite(result))) {
    throw new QueryEvaluationFailure(`${prefix} returned a value that is not JSON.`, field);
  }
  return json;
}
