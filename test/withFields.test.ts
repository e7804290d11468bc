import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { withFields } from '../src/withFields.js';
import { packageRoot } from './scenarios/publishedSchemas.js';

const run = promisify(execFile);

/**
 * Runs `script` (an ES module importing from the built dist/) with V8's natives syntax, which can tell
 * whether two objects share a hidden class (`%HaveSameMap`). `npm run build` first.
 */
async function withNatives(script: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { cwd: packageRoot });
  return stdout.trim();
}

const dist = (path: string): string => JSON.stringify(join(packageRoot, 'dist', path));

describe('Function: withFields', () => {
  it('gives what a spread gives: the same keys in the same order and the same values, the source untouched', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (source, fields) => {
        const before = JSON.stringify(source);
        const copy = withFields(source, fields);
        const spread = { ...source, ...fields };
        expect(Object.keys(copy)).toEqual(Object.keys(spread));
        expect(copy).toStrictEqual(spread);
        expect(copy).not.toBe(source);
        expect(JSON.stringify(source)).toBe(before);
      }),
    );
  });

  it('keeps an own __proto__ key as data, as a spread does, without changing the prototype', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "Type": "Pass"}') as object;
    const copy = withFields(source, { QueryLanguage: 'JSONPath' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['polluted']).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'Type', 'QueryLanguage']);
  });

  it('gives copies of same-shaped objects one hidden class, where a spread gives each its own', async () => {
    const output = await withNatives(`
      const { withFields } = await import(${dist('withFields.js')});
      const sources = Array.from({ length: 50 }, (_, index) => ({ Type: 'Pass', Next: 'S' + index }));
      const shared = (copies) => copies.every((copy) => %HaveSameMap(copy, copies[0]));
      console.log(shared(sources.map((source) => withFields(source, { QueryLanguage: 'JSONPath' }))),
        shared(sources.map((source) => ({ ...source, QueryLanguage: 'JSONPath' }))));
    `);
    // The second figure is V8's behaviour that withFields exists for; should a Node version change it, only it changes.
    expect(output.split(' ')[0]).toBe('true');
  });

  it('keeps the states of a prepared definition to one hidden class per shape (the engine reads their fields on every visit)', async () => {
    const output = await withNatives(`
      const { withStateQueryLanguages } = await import(${dist('engine/asl/queryLanguage.js')});
      const States = {};
      for (let index = 0; index < 50; index++) States['S' + index] = { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Next: 'S' + (index + 1) };
      const labelled = Object.values(withStateQueryLanguages({ StartAt: 'S0', States }).States);
      console.log(labelled.every((state) => %HaveSameMap(state, labelled[0])));
    `);
    expect(output).toBe('true');
  });
});
