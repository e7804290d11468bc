import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module of the build scripts, without types
import { configValidatorsSource, GENERATED_PATH } from '../../scripts/configValidators.mjs';
import { chaosConfigSchema, faultRuleSchema } from '../../src/injectors/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const generate = configValidatorsSource as (schemas: { chaosConfigSchema: object; faultRuleSchema: object }) => string;

describe("the injector's precompiled config validators", () => {
  it('are what the schemas give now (run `npm run generate` after changing src/injectors/schema.ts)', () => {
    const committed = readFileSync(join(root, GENERATED_PATH as string), 'utf8');
    expect(committed === generate({ chaosConfigSchema, faultRuleSchema })).toBe(true);
  });

  it('need no package at run time', () => {
    const committed = readFileSync(join(root, GENERATED_PATH as string), 'utf8');
    expect(committed).not.toMatch(/\brequire\(|^import /m);
  });
});
