import { describe, expect, it } from '@jest/globals';
import { parseDocument } from 'yaml';
import { NOT_PLAIN_JSON, parsePlainJson } from '../../src/sources/plainJson.js';

describe('parsePlainJson', () => {
  it('reads JSON objects and arrays as JSON.parse does', () => {
    expect(parsePlainJson('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}')).toEqual({
      StartAt: 'A',
      States: { A: { Type: 'Pass', End: true } },
    });
    expect(parsePlainJson('\n\t[1, {"a": [2, {"b": "\\"x\\": 1"}]}]\n')).toEqual([1, { a: [2, { b: '"x": 1' }] }]);
  });

  it('leaves a repeated key to the YAML parser, also when written with escapes or in a nested object', () => {
    expect(parsePlainJson('{"a": 1, "a": 2}')).toBe(NOT_PLAIN_JSON);
    expect(parsePlainJson('{"a": 1, "\\u0061": 2}')).toBe(NOT_PLAIN_JSON);
    expect(parsePlainJson('[{"x": {"a": 1, "b": {"a": 2}, "a": 3}}]')).toBe(NOT_PLAIN_JSON);
  });

  it('keeps keys of different objects apart, and string values that look like keys', () => {
    expect(parsePlainJson('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}], "c": "a", "d": ["a", "a"]}')).toEqual({
      a: { a: 1 },
      b: [{ a: 2 }, { a: 3 }],
      c: 'a',
      d: ['a', 'a'],
    });
  });

  it('leaves YAML, scalars, syntax errors and a byte-order mark to the YAML parser', () => {
    for (const text of ['StartAt: A', '"x"', '12', '', '{"a": 1,}', '\uFEFF{"a": 1}', '{"a": 1} # note']) {
      expect(parsePlainJson(text)).toBe(NOT_PLAIN_JSON);
    }
  });

  it('gives the values the YAML parser gives for the same JSON', () => {
    const texts = [
      '{\n\t"a": {\n\t\t"b": [1,\t2.5, -0, 1e3, true, null]\n\t}\n}',
      '{"s": "\\/\\u00e9\\ud83d\\ude00\\n", "__proto__": {"x": 1}}',
      `{"${'k'.repeat(1100)}": 1}`,
    ];
    for (const text of texts) expect(parsePlainJson(text)).toEqual(parseDocument(text, { uniqueKeys: true }).toJS());
  });
});
