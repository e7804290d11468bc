import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scenarioFileSchema } from '../../src/scenarios/schema.js';
import { packageRoot, readPublishedSchema } from './publishedSchemas.js';

/** Scenario files of the repository that load: each must pass the published schema as an editor checks it. */
const SCENARIO_FILES = [
  'scenarios.yaml',
  'test/scenarios/fixtures/cfn/scenarios.yaml',
  'test/scenarios/fixtures/sam/scenarios.yaml',
  'bench/engine/workloads/asteroids.scenarios.yaml',
  'test/scenarios/fixtures/visits/scenarios.yaml',
];

describe('scenario file schema', () => {
  const { published, generated } = readPublishedSchema('scenario-file.schema.json', scenarioFileSchema);
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(published) as object);

  it('is published as schemas/scenario-file.schema.json, equal to the one the loader validates with (UPDATE_SCHEMAS=1 rewrites it)', () => {
    expect(published).toBe(generated);
  });

  it.each(SCENARIO_FILES)('accepts %s', (file) => {
    const document: unknown = parse(readFileSync(join(packageRoot, file), 'utf8'));
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('rejects a misspelt key, as the loader does', () => {
    const document = parse(readFileSync(join(packageRoot, 'scenarios.yaml'), 'utf8')) as { scenarios: Record<string, unknown>[] };
    const [first, ...rest] = document.scenarios;
    expect(validate({ ...document, scenarios: [{ ...first, expcet: {} }, ...rest] })).toBe(false);
    expect(validate.errors?.map((error) => error.keyword)).toContain('additionalProperties');
  });

  it('needs no URL: it names no remote $ref or $id', () => {
    expect(published).not.toMatch(/"\$(ref|id)": "https?:/);
  });
});
