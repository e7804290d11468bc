// Validators compiled at build time with Ajv's standalone code, so that the `chaos` command line loads
// plain validation code instead of loading Ajv and compiling JSON Schemas at every start. `npm run build`
// (scripts/finishBuild.mjs) writes each module next to the dist/ file that uses it; where a module is
// absent (the TypeScript sources the tests run), that file compiles the same schema with the same Ajv on
// first use. Each module is CommonJS and exports a function taking the formats it needs (`aslFormats`) or
// nothing, and returning the validate function.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;

/** Wraps Ajv's single-validator ESM standalone code in `module.exports = function (parameter) { … }`. */
function asFactory(code, parameter) {
  const head = /^"use strict";export const validate = (\w+);export default \1;/.exec(code);
  if (!head) throw new Error('unexpected shape of Ajv standalone code');
  if (/\bimport\b[^(]|\bexport\b/.test(code.slice(head[0].length).replace(/"(?:[^"\\]|\\.)*"/g, '""')))
    throw new Error('Ajv standalone code with imports or exports of its own: wrap it differently');
  return [
    '"use strict";',
    '// Generated at build time by scripts/standaloneValidators.mjs (Ajv standalone code): do not edit.',
    `module.exports = function createValidator(${parameter}) {`,
    code.slice(head[0].length),
    `return ${head[1]};`,
    '};',
    '',
  ].join('\n');
}

/**
 * asl-validator's JSON Schema check, formats passed in as `aslFormats`; from the modules src/sources/aslSchemaCheck.ts
 * and src/sources/aslFormats.ts (built, or the sources in a test).
 */
export function aslSchemaValidatorSource({ createAslAjv, ASL_STATE_MACHINE_SCHEMA_ID, aslFormats }) {
  const ajv = createAslAjv({ source: true, esm: true, formats: _`aslFormats` });
  const code = standaloneCode(ajv, ajv.getSchema(ASL_STATE_MACHINE_SCHEMA_ID));
  for (const [, name] of code.matchAll(/aslFormats(?:\.(\w+)|\["([^"]+)"\])/g)) {
    if (name !== undefined && !(name in aslFormats)) throw new Error(`the ASL schema uses format ${name}, missing from aslFormats`);
  }
  return asFactory(code, 'aslFormats');
}

/** The scenario file's JSON Schema check; from src/scenarios/scenarioFileValidator.ts and src/scenarios/schema.ts. */
export function scenarioFileValidatorSource({ createScenarioFileAjv, scenarioFileSchema }) {
  const ajv = createScenarioFileAjv({ source: true, esm: true });
  return asFactory(standaloneCode(ajv, ajv.compile(scenarioFileSchema)), '');
}

/** Writes every standalone validator into dist/. */
export async function writeStandaloneValidators() {
  const asl = { ...(await import('../dist/sources/aslSchemaCheck.js')), ...(await import('../dist/sources/aslFormats.js')) };
  writeFileSync('dist/sources/aslSchema.generated.cjs', aslSchemaValidatorSource(asl));
  const scenarioFile = {
    ...(await import('../dist/scenarios/scenarioFileValidator.js')),
    ...(await import('../dist/scenarios/schema.js')),
  };
  writeFileSync('dist/scenarios/scenarioFile.generated.cjs', scenarioFileValidatorSource(scenarioFile));
}

/**
 * Evaluates a generated module's source (for tests): `require` resolves from `fromFile` (the Ajv runtime helpers).
 *
 * @example
 * const createValidator = evaluateStandaloneSource(aslSchemaValidatorSource(asl), 'src/sources/aslSchemaCheck.ts');
 */
export function evaluateStandaloneSource(source, fromFile) {
  const module = { exports: {} };
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(fromFile));
  return module.exports;
}
