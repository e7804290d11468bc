import type { ErrorObject } from 'ajv';
import { InvalidInputError } from '../errors.js';
import { didYouMean, formatPath, listNames, type DocumentPath } from '../sources/loadErrors.js';
import { findNode, locatePath, type YamlSource } from '../sources/loadYaml.js';
import { scenarioFileValidator } from './scenarioFileValidator.js';

/**
 * Checking a parsed scenario file against its JSON Schema, with messages that say what to fix and
 * where: "must be <description>", "unknown key … ; did you mean …", located at the line.
 */

/**
 * Checks a parsed scenario file against its JSON Schema (src/scenarios/schema.ts); throws an
 * {@link InvalidInputError} for the first problem in reading order, located at its line.
 *
 * @example
 * ```ts
 * const source = parseYamlSource(text, file);
 * assertScenarioFileShape(toPlainValue(source), source); // throws: unknown key "expcet" in scenario; did you mean "expect"?
 * ```
 */
export function assertScenarioFileShape(value: unknown, source: YamlSource): void {
  const validateScenarioFile = scenarioFileValidator();
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
    const owner = anyOfErrors.find(
      (anyOf) => error !== anyOf && error.schemaPath.startsWith(anyOf.schemaPath.replace(/\/anyOf$/, '/anyOf/')),
    );
    if (error.keyword === 'anyOf') {
      const deeper = errors.some(
        (other) => other.schemaPath.startsWith(`${error.schemaPath}/`) && other.instancePath.length > error.instancePath.length,
      );
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
  const target =
    error.keyword === 'additionalProperties'
      ? [...path, String((error.params as { additionalProperty: string }).additionalProperty)]
      : path;
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
      return new InvalidInputError(
        `${where} is empty; it must be ${description ?? 'a non-empty mapping'}`,
        locatePath(source, path, 'key'),
      );
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return new InvalidInputError(
        `${where} must be ${description ?? `one of ${listNames(allowed)}`}, not ${shortValue(error.data)}${hint}`,
        locatePath(source, path),
      );
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
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty list' : `a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
  if (value === '') return 'an empty string';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
}
