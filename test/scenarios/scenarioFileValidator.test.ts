import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { scenarioFileSchema } from '../../src/scenarios/schema.js';
import { createScenarioFileAjv, scenarioFileValidator } from '../../src/scenarios/scenarioFileValidator.js';
// @ts-expect-error a plain ES module of the build, without type declarations
import { evaluateStandaloneSource, scenarioFileValidatorSource } from '../../scripts/standaloneValidators.mjs';

/** The standalone code `npm run build` writes for the scenario file schema reports what Ajv's compiled schema reports. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const files = [
  'scenarios.yaml',
  'test/scenarios/fixtures/cfn/scenarios.yaml',
  'test/scenarios/fixtures/sam/scenarios.yaml',
  'test/e2e/fixtures/wrong-expectations.yaml',
  'test/e2e/fixtures/misbehaving/scenarios.yaml',
];

type Value = Record<string, unknown> & { scenarios: Record<string, unknown>[] };
const variants: Record<string, (value: Value) => void> = {
  'as written': () => undefined,
  'a misspelt key': (value) => {
    const first = value.scenarios[0]!;
    first['expcet'] = first['expect'];
    delete first['expect'];
  },
  'a scenario without a name': (value) => delete value.scenarios[0]!['name'],
  'a fault that is a number': (value) => (value.scenarios[0]!['faults'] = [3]),
  'no scenarios': (value) => (value.scenarios = []),
  'stateMachines is a list': (value) => (value['stateMachines'] = []),
};

describe('the scenario file validator', () => {
  it('standalone code and compiled schema give the same verdicts and errors', () => {
    const source = scenarioFileValidatorSource({ createScenarioFileAjv, scenarioFileSchema }) as string;
    const standalone = (
      evaluateStandaloneSource(source, join(root, 'src/scenarios/scenarioFileValidator.ts')) as () => ReturnType<
        typeof scenarioFileValidator
      >
    )();
    const compiled = scenarioFileValidator();
    let invalid = 0;
    for (const file of files) {
      for (const [name, change] of Object.entries(variants)) {
        const value = parse(readFileSync(join(root, file), 'utf8')) as Value;
        change(value);
        const expected = [compiled(structuredClone(value)), compiled.errors ?? null];
        if (expected[0] === false) invalid++;
        expect({ file, name, result: [standalone(structuredClone(value)), standalone.errors ?? null] }).toEqual({
          file,
          name,
          result: expected,
        });
      }
    }
    expect(invalid).toBeGreaterThanOrEqual(files.length * 4);
  });
});
