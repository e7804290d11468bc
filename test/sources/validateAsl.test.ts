import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASL_STATE_MACHINE_SCHEMA_ID, aslSchemaErrors, createAslAjv } from '../../src/sources/aslSchemaCheck.js';
import { aslFormats } from '../../src/sources/aslFormats.js';
import { validateAsl } from '../../src/sources/validateAsl.js';
// @ts-expect-error a plain ES module of the build, without type declarations
import { aslSchemaValidatorSource, evaluateStandaloneSource } from '../../scripts/standaloneValidators.mjs';

/**
 * validateAsl answers exactly as asl-validator 4 does (with checkPaths and checkArn), on every definition of the
 * repository and on broken variants of them, both with the schemas compiled at run time and with the standalone
 * code the build writes.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
type AslResult = { isValid: boolean; errors: unknown[] };
const aslValidator = require('asl-validator') as (definition: unknown, options: { checkPaths: boolean; checkArn: boolean }) => AslResult;

function definitionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return definitionFiles(path);
    return name.endsWith('.asl.json') || name === 'definition.json' ? [path] : [];
  });
}

type Definition = Record<string, unknown> & { States: Record<string, Record<string, unknown>> };
const seen = new Set<string>();
const definitions = [...definitionFiles(join(root, 'examples')), ...definitionFiles(join(root, 'test'))]
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  .filter(({ text }) => !seen.has(text) && seen.add(text) !== undefined)
  .map(({ file, text }) => ({ file, definition: JSON.parse(text) as Definition }))
  .filter(({ definition }) => typeof definition.States === 'object');

/** Each change breaks (or changes) one thing the schema or the later checks look at. */
const variants: Record<string, (definition: Definition, first: string) => void> = {
  'as written': () => undefined,
  'no StartAt': (definition) => delete definition['StartAt'],
  'StartAt names no state': (definition) => (definition['StartAt'] = 'Nowhere'),
  'unknown state type': (definition, first) => (definition.States[first]!['Type'] = 'Bogus'),
  'unknown field': (definition, first) => (definition.States[first]!['Colour'] = 'blue'),
  'bad ResultPath': (definition, first) => (definition.States[first]!['ResultPath'] = '$..[?(@.x)]'),
  'bad InputPath': (definition, first) => (definition.States[first]!['InputPath'] = 'not a path'),
  'Next names no state': (definition, first) => {
    const state = definition.States[first]!;
    delete state['End'];
    state['Next'] = 'Missing';
  },
  'both End and Next': (definition, first) => {
    definition.States[first]!['End'] = true;
    definition.States[first]!['Next'] = first;
  },
  'bad Resource ARN': (definition, first) => (definition.States[first]!['Resource'] = 'arn:nope'),
  'Comment is a number': (definition) => (definition['Comment'] = 7),
  'JSONata machine': (definition) => (definition['QueryLanguage'] = 'JSONata'),
  'a JSONata Output that does not compile': (definition, first) => {
    definition.States[first]!['QueryLanguage'] = 'JSONata';
    definition.States[first]!['Output'] = '{% $states.input.( %}';
  },
  'a JSONata Output': (definition, first) => {
    definition.States[first]!['QueryLanguage'] = 'JSONata';
    for (const field of ['InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'ResultSelector']) delete definition.States[first]![field];
    definition.States[first]!['Output'] = '{% $states.input %}';
  },
  'a Wait with Seconds and Timestamp': (definition) => {
    definition.States['Pause'] = { Type: 'Wait', Seconds: 1, Timestamp: '2026-01-01T00:00:00Z', End: true };
  },
  'a Wait with a Timestamp that is no date-time': (definition) => {
    definition.States['Pause'] = { Type: 'Wait', Timestamp: 'yesterday', End: true };
  },
  'a Fail with Cause and CausePath': (definition) => {
    definition.States['Stop'] = { Type: 'Fail', Cause: 'x', CausePath: '$.cause' };
  },
  'a Map without ItemProcessor': (definition) => {
    definition.States['Each'] = { Type: 'Map', End: true };
  },
  'an unreachable state': (definition) => {
    definition.States['Orphan'] = { Type: 'Succeed' };
  },
};

/**
 * Every definition as written, and every broken variant of `variantsOf` of them (all of them when `variantsOf`
 * is omitted). asl-validator compiles its schemas on each call (about 0.2 s), so it sees fewer cases.
 */
function cases(variantsOf = definitions.length): [string, Definition][] {
  return definitions.flatMap(({ file, definition }, index) =>
    Object.entries(variants)
      .filter(([name]) => index < variantsOf || name === 'as written')
      .map(([name, change]): [string, Definition] => {
        const copy = structuredClone(definition);
        change(copy, Object.keys(copy.States)[0] ?? 'none');
        return [`${file.slice(root.length + 1)}: ${name}`, copy];
      }),
  );
}

const withoutText = (result: AslResult): AslResult => ({ isValid: result.isValid, errors: result.errors });

describe('validateAsl', () => {
  it('has definitions to compare', () => {
    expect(definitions.length).toBeGreaterThan(20);
  });

  it('gives what asl-validator gives, for every definition and broken variants', () => {
    const differences: string[] = [];
    let invalid = 0;
    for (const [name, definition] of cases(2)) {
      const expected = withoutText(aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true }));
      const actual = validateAsl(structuredClone(definition));
      if (!expected.isValid) invalid++;
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        differences.push(`${name}\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}`);
    }
    expect(differences).toEqual([]);
    expect(invalid).toBeGreaterThan(30);
  }, 60_000);

  it("the build's standalone schema check gives the errors the compiled schemas give", () => {
    const source = aslSchemaValidatorSource({ createAslAjv, ASL_STATE_MACHINE_SCHEMA_ID, aslFormats }) as string;
    const createValidator = evaluateStandaloneSource(source, join(root, 'src/sources/aslSchemaCheck.ts')) as (
      formats: typeof aslFormats,
    ) => ((data: unknown) => boolean) & { errors?: unknown };
    const standalone = createValidator(aslFormats);
    const compiled = createAslAjv().getSchema(ASL_STATE_MACHINE_SCHEMA_ID)!;
    const differences: string[] = [];
    for (const [name, definition] of cases()) {
      const expected = [compiled(structuredClone(definition)), compiled.errors ?? null];
      const actual = [standalone(structuredClone(definition)), standalone.errors ?? null];
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(name);
    }
    expect(differences).toEqual([]);
  });

  it('reports a schema error at its path, in asl-validator words', () => {
    expect(aslSchemaErrors({ StartAt: 'A', States: { A: { Type: 'Pass', End: true, Colour: 'blue' } } })).toEqual([
      expect.objectContaining({
        'Error code': 'SCHEMA_VALIDATION_FAILED',
        schemaError: expect.objectContaining({ instancePath: '/States/A' }),
      }),
    ]);
  });
});
