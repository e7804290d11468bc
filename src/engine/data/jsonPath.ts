import { JSONPath } from 'jsonpath-plus';
import { PathFailure } from './pathFailure.js';
import { cloneJson, isJsonObject, toJsonText, type JsonValue } from './json.js';
import { noVariables, type VariableReader } from './variables.js';

/**
 * JSONPath as Step Functions applies it. Evaluation is left to `jsonpath-plus`; this module only adds
 * what AWS layers on top: definite paths yield one value and fail when nothing matches, indefinite
 * paths (wildcards, filters, slices, unions, descendants) yield a list, and failure messages are
 * worded as the AWS (Jayway JsonPath based) messages are.
 */

/** Path segments as jsonpath-plus splits them, without the leading `$`. */
function segmentsOf(path: string): string[] {
  // toPathArray returns a cached array: copy before use.
  return [...JSONPath.toPathArray(path)].slice(1);
}

function isIndefiniteSegment(segment: string): boolean {
  return (
    segment === '*' ||
    segment === '..' ||
    segment.startsWith('?(') ||
    segment.startsWith('(') ||
    segment.startsWith('@') ||
    segment.includes(':') ||
    segment.includes(',')
  );
}

/** A definite path selects at most one node, so AWS returns the node itself rather than a list. */
export function isDefinitePath(path: string): boolean {
  return segmentsOf(path).every((segment) => !isIndefiniteSegment(segment));
}

/** The normalised form Jayway prints in its messages: `$['a']['b'][0]`. */
function normalisedPath(segments: readonly string[]): string {
  return `$${segments.map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `['${segment}']`)).join('')}`;
}

function childOf(node: JsonValue, segment: string): { found: true; value: JsonValue } | { found: false } {
  if (Array.isArray(node) && /^\d+$/.test(segment)) {
    const index = Number(segment);
    return index < node.length ? { found: true, value: node[index] as JsonValue } : { found: false };
  }
  if (isJsonObject(node) && Object.hasOwn(node, segment)) return { found: true, value: node[segment] as JsonValue };
  return { found: false };
}

/** Why a definite path found nothing, worded like AWS: `Invalid path '$.a.b' : Missing property in path $['a']`. */
function missingPathDetail(path: string, data: JsonValue): string {
  const segments = segmentsOf(path);
  let node = data;
  for (let index = 0; index < segments.length; index++) {
    const child = childOf(node, segments[index] as string);
    if (!child.found) {
      const upToMissing = normalisedPath(segments.slice(0, index + 1));
      const reason = index === segments.length - 1 ? `No results for path: ${upToMissing}` : `Missing property in path ${upToMissing}`;
      return `Invalid path '${path}' : ${reason}`;
    }
    node = child.value;
  }
  return `Invalid path '${path}' : No results for path: ${normalisedPath(segments)}`;
}

export type PathLookup = { found: true; value: JsonValue } | { found: false; detail: string };

/** Evaluates a JSONPath (`$…`) against data. */
export function lookUpPath(path: string, data: JsonValue): PathLookup {
  if (path === '$') return { found: true, value: data };
  const matches = JSONPath({ path, json: data, wrap: true, eval: 'safe' }) as JsonValue[] | undefined;
  const values = matches ?? [];
  if (!isDefinitePath(path)) return { found: true, value: values };
  if (values.length === 0) return { found: false, detail: missingPathDetail(path, data) };
  return { found: true, value: values[0] as JsonValue };
}

/** Like {@link lookUpPath}, but a missing definite path throws a {@link PathFailure}. */
export function readPath(path: string, data: JsonValue): JsonValue {
  const lookup = lookUpPath(path, data);
  if (!lookup.found) throw new PathFailure(lookup.detail);
  return lookup.value;
}

/** `$$.State.Name` style paths address the context object instead of the state's data. */
export function isContextPath(path: string): boolean {
  return path.startsWith('$$');
}

/** `$name…` addresses a workflow variable (`$.…`, `$[…]` and `$$…` do not). */
const variablePathPattern = /^\$([\p{L}_][\p{L}\p{Nd}_]*)(.*)$/su;

/** The variable a path starts with, if it is a variable path (`$order.items[0]` → `order`). */
export function variableNameOf(path: string): string | undefined {
  return variablePathPattern.exec(path)?.[1];
}

/**
 * Evaluates a path that may address the data (`$…`), the context object (`$$…`) or a workflow
 * variable (`$name…`, the rest of the path applied to the variable's value).
 */
export function lookUpDataOrContextPath(
  path: string,
  data: JsonValue,
  contextObject: JsonValue,
  variables: VariableReader = noVariables,
): PathLookup {
  if (isContextPath(path)) return lookUpPath(path.slice(1), contextObject);
  const variable = variablePathPattern.exec(path);
  if (!variable) return lookUpPath(path, data);
  const [, name, rest] = variable as unknown as [string, string, string];
  const value = variables(name);
  // Wording of a missing variable is UNCONFIRMED; AWS refuses most such definitions at creation.
  if (!value.found) return { found: false, detail: `Invalid path '${path}': The variable '$${name}' is not defined` };
  return lookUpPath(`$${rest}`, value.value);
}

/** What a state's paths can read besides its data: the context object (built on demand) and the workflow variables. */
export interface PathSources {
  contextObject: () => JsonValue;
  variables: VariableReader;
}

/**
 * Like {@link readPath}, for the paths of a state's fields (`InputPath`, `OutputPath`, `ItemsPath`,
 * `SecondsPath`, `TimeoutSecondsPath`…): with `sources`, a `$$…` path reads the context object and a
 * `$name…` path a workflow variable. A missing definite path throws a {@link PathFailure}.
 */
export function readDataOrContextPath(path: string, data: JsonValue, sources?: PathSources): JsonValue {
  if (sources === undefined || (!isContextPath(path) && variableNameOf(path) === undefined)) return readPath(path, data);
  const lookup = lookUpDataOrContextPath(path, data, isContextPath(path) ? sources.contextObject() : null, sources.variables);
  if (!lookup.found) throw new PathFailure(lookup.detail);
  return lookup.value;
}

/**
 * Writes `value` at a reference path inside a copy of `target` (ResultPath). Missing objects on the
 * way are created, as AWS does; anything else in the way cannot be written through.
 */
export function writeAtReferencePath(path: string, target: JsonValue, value: JsonValue): JsonValue {
  if (path === '$') return value;
  const segments = segmentsOf(path);
  const unableToApply = (): PathFailure =>
    // Wording seen in AWS failures; whether the error is then catchable is not confirmed (see the caller).
    new PathFailure(`Unable to apply ReferencePath ${path} to input ${toJsonText(target)}`);
  if (segments.some(isIndefiniteSegment)) throw unableToApply();
  const root = cloneJson(target);
  let node: JsonValue = root;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    const isLast = index === segments.length - 1;
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) {
      if (isLast) node[Number(segment)] = value;
      else node = node[Number(segment)] as JsonValue;
      continue;
    }
    if (!isJsonObject(node)) throw unableToApply();
    if (isLast) {
      node[segment] = value;
    } else {
      if (!Object.hasOwn(node, segment)) node[segment] = {};
      node = node[segment] as JsonValue;
    }
  }
  return root;
}
