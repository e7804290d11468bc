// The fault-config validators of the injector, compiled ahead of time with Ajv's standalone code, so that
// a deployed function loads plain validation code instead of loading Ajv and compiling the schemas at
// cold start. One function writes the source; scripts/generateConfigValidators.mjs writes it to
// src/injectors/configValidators.generated.ts, and test/injectors/configValidators.test.ts fails when the
// committed file differs from what the schemas give now.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const { default: ucs2length } = require('ajv/dist/runtime/ucs2length');

export const GENERATED_PATH = 'src/injectors/configValidators.generated.ts';

/**
 * The TypeScript source of the generated module, for the two schemas of src/injectors/schema.ts.
 * Same Ajv options as a runtime compile would take: `verbose` errors (carrying schema and data, which
 * the messages quote), the first error only, union types allowed.
 */
export function configValidatorsSource({ chaosConfigSchema, faultRuleSchema }) {
  const ajv = new Ajv({ allErrors: false, verbose: true, allowUnionTypes: true, code: { source: true, esm: true } });
  ajv.addSchema(chaosConfigSchema, 'config');
  ajv.addSchema(faultRuleSchema, 'rule');
  // Ajv's code requires its one runtime helper it uses here (string length in code points); it is inlined
  // so that the module needs no package at all.
  const code = standaloneCode(ajv, { validateConfig: 'config', validateRule: 'rule' }).replace(
    /require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g,
    'ucs2length',
  );
  if (/require\(/.test(code))
    throw new Error('the standalone validators need another Ajv runtime helper: inline it in scripts/configValidators.mjs');
  return [
    '// Generated from src/injectors/schema.ts by scripts/generateConfigValidators.mjs (Ajv standalone code): do not edit.',
    '// Rewrite it with `npm run generate`; test/injectors/configValidators.test.ts fails while it is stale.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    ucs2length.toString(),
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}
