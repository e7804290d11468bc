import { findDefinitionIssues, formatDefinitionIssue, functionRefOf } from '../engine/index.js';
import type { DefinitionIssue } from '../engine/api/types.js';
import { InvalidInputError } from '../errors.js';
import { firstLine, formatPath, type DocumentPath } from './loadErrors.js';
import { deferredYamlSource, locatePath, parseYamlSource, toPlainValue, type YamlSource } from './loadYaml.js';
import { NOT_PLAIN_JSON, parsePlainJson } from './plainJson.js';
import type { AslValidationError } from './aslSchemaCheck.js';
import { validateAsl } from './validateAsl.js';
import type { Located } from './located.js';

/**
 * Reading, substituting and checking an ASL definition, wherever it came from (its own file, a
 * template's `Definition`, `DefinitionUri` or `DefinitionString`).
 */

/** Where a value of the definition is written, given its path inside the definition. */
export type DefinitionLocator = (path: DocumentPath) => Located;

/** One state of a definition, nested Parallel branches and Map processors included. */
export interface DefinitionState {
  name: string;
  state: Record<string, unknown>;
  /** Path from the definition's root, e.g. `['States', 'Fan out', 'Branches', 0, 'States', 'Left']`. */
  path: (string | number)[];
}

/** Parses a definition file (JSON or YAML) with positions kept. */
export function parseDefinitionText(text: string, file: string): { value: unknown; source: YamlSource } {
  const options = { unknownTagHint: 'a definition file is plain JSON or YAML' };
  const json = parsePlainJson(text);
  // Plain JSON: the positions (the YAML parse) are only needed once a message has to locate something.
  if (json !== NOT_PLAIN_JSON) return { value: json, source: deferredYamlSource(text, file, options) };
  const source = parseYamlSource(text, file, options);
  return { value: toPlainValue(source), source };
}

/** A locator for a definition parsed from its own file (or from a node inside a template). */
export function nodeLocator(source: YamlSource, root?: unknown): DefinitionLocator {
  return (path) => locatePath(source, path, 'key', root === undefined ? source.doc.contents : root);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * Replaces `${Name}` placeholders in every string (and key) of the definition, like
 * `DefinitionSubstitutions` does on AWS. `substitute` returns the text for a name or throws.
 */
export function applySubstitutions(
  value: unknown,
  substitute: (name: string, path: DocumentPath) => string,
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.includes('${') ? value.replace(PLACEHOLDER, (_match, name: string) => substitute(name, path)) : value;
  }
  if (Array.isArray(value)) return value.map((item, index) => applySubstitutions(item, substitute, [...path, index]));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const newKey = key.includes('${') ? key.replace(PLACEHOLDER, (_match, name: string) => substitute(name, [...path, key])) : key;
      Object.defineProperty(out, newKey, {
        value: applySubstitutions(item, substitute, [...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Every state of the definition, depth first, with nested branches and Map processors. */
export function collectStates(definition: unknown, base: (string | number)[] = [], depth = 0): DefinitionState[] {
  if (!isRecord(definition) || depth > 50) return [];
  const states = definition['States'];
  if (!isRecord(states)) return [];
  const found: DefinitionState[] = [];
  for (const [name, state] of Object.entries(states)) {
    if (!isRecord(state)) continue;
    const path = [...base, 'States', name];
    found.push({ name, state, path });
    const branches = state['Branches'];
    if (Array.isArray(branches)) {
      branches.forEach((branch, index) => {
        found.push(...collectStates(branch, [...path, 'Branches', index], depth + 1));
      });
    }
    for (const processor of ['ItemProcessor', 'Iterator']) {
      if (isRecord(state[processor])) found.push(...collectStates(state[processor], [...path, processor], depth + 1));
    }
  }
  return found;
}

/** Lambda Tasks with a static function reference, as the engine reads them. */
export function lambdaTasks(definition: unknown): { state: DefinitionState; functionRef: string }[] {
  const tasks: { state: DefinitionState; functionRef: string }[] = [];
  for (const state of collectStates(definition)) {
    const functionRef = functionRefOf(state.state);
    if (functionRef !== undefined) tasks.push({ state, functionRef });
  }
  return tasks;
}

/**
 * Throws at the first problem of a definition: not ASL (asl-validator) or using something the local
 * engine does not run (`findDefinitionIssues`). `label` names the state machine in messages.
 */
export function assertRunnableDefinition(
  definition: unknown,
  locate: DefinitionLocator,
  label: string,
): asserts definition is Record<string, unknown> {
  if (!isRecord(definition) || !isRecord(definition['States'])) {
    throw new InvalidInputError(`the definition of ${label} is not a state machine: it needs StartAt and a States mapping`, locate([]));
  }
  const malformed = firstMalformedState(definition);
  if (malformed)
    throw new InvalidInputError(
      `the definition of ${label} is not valid ASL: ${formatPath(malformed)} must be a mapping`,
      locate(malformed),
    );
  const aslErrors = aslErrorsOf(definition, locate, label);
  // The ASL schema's errors point at a field; they come first. Then the engine's own checks, which name
  // what to fix (a missing Next target by its name, a branch without an end by its path) where
  // asl-validator's semantic checks speak of internal names ("fsm1") or of the wrong state.
  const schemaError = aslErrors.find((error) => error.schemaError?.instancePath !== undefined);
  if (schemaError) {
    const path = pointerToPath(schemaError.schemaError?.instancePath ?? '');
    const subject = path.length > 0 ? `${formatPath(path)} ` : '';
    throw new InvalidInputError(
      `the definition of ${label} is not valid ASL: ${subject}${schemaError.Message.replace(/^.*? is invalid\. /, '')}`,
      locate(path),
    );
  }
  const issue = findDefinitionIssues(definition)[0];
  if (issue) {
    const path = issuePath(issue);
    throw new InvalidInputError(`state machine ${label}: ${formatDefinitionIssue(issue)}`, locate(path));
  }
  const other = aslErrors[0];
  if (other) {
    const path = stateNamedIn(other.Message, definition)?.path ?? [];
    throw new InvalidInputError(`the definition of ${label} is not valid ASL: ${aslSemanticMessage(other)}`, locate(path));
  }
}

/** asl-validator's semantic messages in the user's terms (it numbers nested machines `fsm1`, `fsm2`, …). */
function aslSemanticMessage(error: AslValidationError): string {
  if (error['Error code'] === 'MISSING_TERMINAL_STATE')
    return 'the state machine or one of its branches has no terminal state (End: true, Succeed or Fail)';
  return error.Message;
}

/** The path of the first state that is not a mapping (asl-validator cannot check those). */
function firstMalformedState(definition: unknown, base: (string | number)[] = [], depth = 0): (string | number)[] | undefined {
  if (!isRecord(definition) || depth > 50) return undefined;
  const states = definition['States'];
  if (!isRecord(states)) return undefined;
  for (const [name, state] of Object.entries(states)) {
    const path = [...base, 'States', name];
    if (!isRecord(state)) return path;
    const branches = Array.isArray(state['Branches']) ? state['Branches'] : [];
    for (const [index, branch] of branches.entries()) {
      const inner = firstMalformedState(branch, [...path, 'Branches', index], depth + 1);
      if (inner) return inner;
    }
    for (const processor of ['ItemProcessor', 'Iterator']) {
      const inner = firstMalformedState(state[processor], [...path, processor], depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The state a validator message without a path is about (`State Done is not reachable`), if any. */
function stateNamedIn(message: string, definition: unknown): DefinitionState | undefined {
  const candidates = collectStates(definition).filter(
    ({ name }) => message.includes(`State ${name} `) || message.includes(`State "${name}"`),
  );
  return candidates.sort((a, b) => b.name.length - a.name.length)[0];
}

/** The same definition (a state machine several scenario files or calls name) is checked once. */
const aslCache = new Map<string, readonly AslValidationError[]>();
const ASL_CACHE_SIZE = 64;

function aslErrorsOf(definition: Record<string, unknown>, locate: DefinitionLocator, label: string): readonly AslValidationError[] {
  const cacheKey = JSON.stringify(definition);
  const cached = aslCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let result: ReturnType<typeof validateAsl>;
  try {
    // The validator adds fields to the object it checks, so it gets a copy.
    result = validateAsl(structuredClone(definition));
  } catch (error) {
    throw new InvalidInputError(
      `the definition of ${label} could not be checked as ASL: ${firstLine((error as Error).message)}`,
      locate([]),
    );
  }
  const errors = result.isValid ? [] : result.errors;
  if (aslCache.size >= ASL_CACHE_SIZE) aslCache.delete(aslCache.keys().next().value as string);
  aslCache.set(cacheKey, errors);
  return errors;
}

function pointerToPath(pointer: string): (string | number)[] {
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Turns an issue path such as `States["Check availability"].Retry[0].JitterStrategy` into segments.
 * Stops at the first part it cannot read, which still locates the issue at its closest parent.
 */
export function issuePath(issue: DefinitionIssue): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = issue.path.trim();
  while (rest !== '') {
    const match = pattern.exec(rest);
    if (!match) break;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
    rest = rest.slice(match[0].length);
  }
  if (segments.length === 0 && issue.stateName !== undefined) segments.push('States', issue.stateName);
  return segments;
}
