import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, CodeOptions, ValidateFunction } from 'ajv';
import { scenarioFileSchema } from './schema.js';

/**
 * The compiled check of {@link scenarioFileSchema}, built once per process. `npm run build` writes it as Ajv
 * standalone code next to this file (`scenarioFile.generated.cjs`, by scripts/standaloneValidators.mjs), so
 * the CLI does not load Ajv or compile the schema at start; where that file is absent (the TypeScript sources
 * the tests run) the schema is compiled on first use, with the same options.
 */

const GENERATED_FILE = './scenarioFile.generated.cjs';
const requireHere = createRequire(import.meta.url);

/**
 * The Ajv the scenario file schema is compiled with: every error (the messages pick the first in reading
 * order), `verbose` (the messages quote the schema's descriptions), strict, union types allowed.
 *
 * @example
 * ```ts
 * const validate = createScenarioFileAjv().compile(scenarioFileSchema);
 * ```
 */
export function createScenarioFileAjv(code?: CodeOptions): Ajv {
  const { Ajv: AjvClass } = requireHere('ajv') as typeof import('ajv');
  return new AjvClass({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...(code !== undefined ? { code } : {}) });
}

let validate: ValidateFunction | undefined;

/**
 * The scenario file's schema check.
 *
 * @example
 * ```ts
 * const check = scenarioFileValidator();
 * check({ stateMachines: {} }) || check.errors; // the errors, in Ajv's shape
 * ```
 */
export function scenarioFileValidator(): ValidateFunction {
  if (validate !== undefined) return validate;
  if (existsSync(fileURLToPath(new URL(GENERATED_FILE, import.meta.url)))) {
    validate = (requireHere(GENERATED_FILE) as () => ValidateFunction)();
  } else {
    validate = createScenarioFileAjv().compile(scenarioFileSchema);
  }
  return validate;
}
