import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, CodeOptions, ErrorObject } from 'ajv';
import { aslFormats } from './aslFormats.js';

/**
 * asl-validator's JSON Schema check of a definition, built once per process instead of once per call
 * (asl-validator 4 creates a new Ajv and compiles its 15 schemas each time it validates, a quarter of a
 * second each). `npm run build` writes the compiled check as Ajv standalone code next to this file
 * (`aslSchema.generated.cjs`, by scripts/aslSchemaValidator.mjs), so the CLI loads neither Ajv nor the
 * schemas; where that file is absent (the TypeScript sources the tests run) the schemas are compiled on
 * first use. The errors are chosen and worded as asl-validator's `jsonSchemaErrors` does.
 */

/** One error of the schema check, in asl-validator's shape. */
export interface AslValidationError {
  'Error code': string;
  Message: string;
  schemaError?: { instancePath: string; schemaPath: string };
}

type SchemaValidate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The id of asl-validator's root schema. */
export const ASL_STATE_MACHINE_SCHEMA_ID = 'http://asl-validator.cloud/state-machine.json#';

/** asl-validator's schema files, in the order it adds them to Ajv. */
const ASL_SCHEMA_FILES = [
  'common',
  'paths',
  'jsonata',
  'choice',
  'fail',
  'parallel',
  'pass',
  'base-state-machine',
  'state-machine',
  'state',
  'succeed',
  'task',
  'wait',
  'map',
  'errors',
];

const GENERATED_FILE = './aslSchema.generated.cjs';
const requireHere = createRequire(import.meta.url);

/**
 * An Ajv holding asl-validator's schemas and formats, with its options (`allowUnionTypes`); `code` is for
 * the build step that writes the standalone code.
 *
 * @example
 * ```ts
 * const validate = createAslAjv().getSchema(ASL_STATE_MACHINE_SCHEMA_ID);
 * ```
 */
export function createAslAjv(code?: CodeOptions): Ajv {
  const { Ajv: AjvClass } = requireHere('ajv') as typeof import('ajv');
  const schemas = ASL_SCHEMA_FILES.map((name) => requireHere(`asl-validator/dist/src/schemas/${name}.json`) as object);
  const ajv = new AjvClass({ schemas, allowUnionTypes: true, ...(code !== undefined ? { code } : {}) });
  for (const [name, format] of Object.entries(aslFormats)) ajv.addFormat(name, format);
  return ajv;
}

let validateSchema: SchemaValidate | undefined;

function schemaValidator(): SchemaValidate {
  if (validateSchema !== undefined) return validateSchema;
  if (existsSync(fileURLToPath(new URL(GENERATED_FILE, import.meta.url)))) {
    const create = requireHere(GENERATED_FILE) as (formats: typeof aslFormats) => SchemaValidate;
    validateSchema = create(aslFormats);
  } else {
    const compiled = createAslAjv().getSchema(ASL_STATE_MACHINE_SCHEMA_ID);
    if (compiled === undefined) throw new Error(`asl-validator has no schema ${ASL_STATE_MACHINE_SCHEMA_ID}`);
    validateSchema = compiled;
  }
  return validateSchema;
}

/**
 * The schema errors of a definition as asl-validator reports them: only the errors at the deepest
 * instance path, a `oneOf` error hiding the other errors at its path, each (schema path, instance path) once.
 *
 * @example
 * ```ts
 * aslSchemaErrors({ StartAt: 'A', States: { A: { Type: 'Pass', End: 'yes' } } })[0]?.Message; // '/States/A is invalid. must match exactly one schema in oneOf'
 * ```
 */
export function aslSchemaErrors(definition: unknown): AslValidationError[] {
  const validate = schemaValidator();
  if (validate(definition)) return [];
  const errors = validate.errors ?? [];
  let selected: ErrorObject[] = [];
  let deepest = 0;
  for (const error of errors) {
    const depth = error.instancePath.split('/').length;
    if (depth === deepest) selected.push(error);
    else if (depth > deepest) selected = [error];
    deepest = Math.max(deepest, depth);
  }
  const oneOfPaths = new Set(selected.filter((error) => error.keyword === 'oneOf').map((error) => error.instancePath));
  const reported = selected
    .filter((error) => error.keyword === 'oneOf' || !oneOfPaths.has(error.instancePath))
    .map((error) => ({
      'Error code': 'SCHEMA_VALIDATION_FAILED',
      Message: `${error.instancePath} is invalid. ${error.message ?? ''}`,
      schemaError: { instancePath: error.instancePath, schemaPath: decodeURIComponent(error.schemaPath) },
    }));
  return reported.filter(
    (error, index) =>
      reported.findIndex(
        (other) =>
          other.schemaError.schemaPath === error.schemaError.schemaPath &&
          other.schemaError.instancePath === error.schemaError.instancePath,
      ) === index,
  );
}
