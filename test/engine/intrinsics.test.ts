import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { evaluateIntrinsic, IntrinsicFailure, intrinsicExpressionProblem } from '../../src/engine/data/intrinsics.js';
import { parseIntrinsic } from '../../src/engine/data/intrinsicsParser.js';
import { PathFailure } from '../../src/engine/data/pathFailure.js';
import type { JsonValue } from '../../src/engine/data/json.js';
import { createRandom } from '../../src/random.js';
import { eventsOfType, parsed, run } from './helpers.js';

const data = {
  name: 'Ada',
  count: 3,
  list: [1, 2, 2, { a: 1 }, { a: 1 }],
  text: 'a,b,,c',
  json: '{"x":[1,2]}',
  arn: 'arn:aws:imagebuilder:us-east-1:123:image-recipe/recipes/my.recipe',
};
const context = { State: { Name: 'Work' } };
const variables = (name: string) => (name === 'greeting' ? { found: true as const, value: 'Hello' } : { found: false as const });

function evaluate(expression: string, random: () => number = createRandom('intrinsics')): JsonValue {
  return evaluateIntrinsic(expression, { data, contextObject: context, variables, random });
}

describe('Function: parseIntrinsic', () => {
  it('parses strings with escapes, numbers, booleans, null, paths and nested calls', () => {
    expect(parseIntrinsic("States.Array('it\\'s', -1.5, true, null, $.a['b,c'], States.UUID())")).toEqual({
      kind: 'call',
      name: 'States.Array',
      args: [
        { kind: 'string', value: "it's", raw: "it\\'s" },
        { kind: 'number', value: -1.5 },
        { kind: 'boolean', value: true },
        { kind: 'null' },
        { kind: 'path', path: "$.a['b,c']" },
        { kind: 'call', name: 'States.UUID', args: [] },
      ],
    });
  });

  it.each([
    ["States.Format('unterminated)", /Unterminated string/],
    ['States.Array(1 2)', /Expected "," or "\)"/],
    ['States.Array(1', /Missing "\)"/],
    ['States.Array(bogus)', /Expected a string/],
    ['States.Array(1) trailing', /Unexpected text/],
  ])('refuses %s', (expression, problem) => {
    expect(intrinsicExpressionProblem(expression)).toMatch(problem);
  });

  it('allows 10 nested calls and refuses 11', () => {
    const nested = (depth: number): string => (depth === 0 ? '1' : `States.Array(${nested(depth - 1)})`);
    expect(intrinsicExpressionProblem(nested(10))).toBeUndefined();
    expect(intrinsicExpressionProblem(nested(11))).toMatch(/More than 10 nested/);
  });

  it('names unknown functions', () => {
    expect(intrinsicExpressionProblem('States.Nope(1)')).toBe('States.Nope is not an intrinsic function');
  });
});

describe('Function: evaluateIntrinsic', () => {
  it.each<[string, JsonValue]>([
    ["States.Format('Hi {}, you have {} items, {} {}', $.name, $.count, true, null)", 'Hi Ada, you have 3 items, true null'],
    ["States.Format('\\{literal\\} {}', $greeting)", '{literal} Hello'],
    ["States.Format('{} at {}', $$.State.Name, $.count)", 'Work at 3'],
    ['States.StringToJson($.json)', { x: [1, 2] }],
    ['States.JsonToString($.list)', '[1,2,2,{"a":1},{"a":1}]'],
    ["States.Array($.name, 1, 'two')", ['Ada', 1, 'two']],
    ['States.ArrayPartition(States.Array(1,2,3,4,5), 2)', [[1, 2], [3, 4], [5]]],
    ['States.ArrayContains($.list, 2)', true],
    ['States.ArrayContains($.list, 9)', false],
    ['States.ArrayRange(1, 9, 3)', [1, 4, 7]],
    ['States.ArrayRange(5, 1, -2)', [5, 3, 1]],
    ['States.ArrayGetItem($.list, 1)', 2],
    ['States.ArrayLength($.list)', 5],
    ['States.ArrayUnique($.list)', [1, 2, { a: 1 }]],
    ["States.Base64Encode('Data to encode')", 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", 'Data to encode'],
    [
      'States.JsonMerge(States.StringToJson(\'{"a":1,"b":{"c":1}}\'), States.StringToJson(\'{"b":{"d":2}}\'), false)',
      { a: 1, b: { d: 2 } },
    ],
    ['States.MathAdd($.count, -5)', -2],
    ["States.StringSplit($.text, ',')", ['a', 'b', 'c']],
    ["States.StringSplit('This.is+a,test=string', '.+,=')", ['This', 'is', 'a', 'test', 'string']],
    [
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.arn, '/'), 2), '.'), 1))",
      'my.recipe',
    ],
  ])('%s gives %j', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  it.each(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'])('States.Hash with %s is the hex digest of the string', (algorithm) => {
    const nodeName = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' }[algorithm] as string;
    expect(evaluate(`States.Hash($.name, '${algorithm}')`)).toBe(createHash(nodeName).update('Ada').digest('hex'));
  });

  it('States.UUID gives a version 4 UUID', () => {
    expect(evaluate('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('States.MathRandom stays in [start, end), repeats with a seed and follows the execution random source without one', () => {
    const shared = createRandom('many draws');
    const values = Array.from({ length: 200 }, () => evaluate('States.MathRandom(3, 6)', shared) as number);
    expect(new Set(values)).toEqual(new Set([3, 4, 5]));
    expect(evaluate('States.MathRandom(0, 1000, 42)')).toBe(evaluate('States.MathRandom(0, 1000, 42)'));
    expect(evaluate('States.MathRandom(0, 1000)', createRandom('seed'))).toBe(evaluate('States.MathRandom(0, 1000)', createRandom('seed')));
    expect(evaluate('States.MathRandom(0, 1000)', () => 0.5)).toBe(500);
  });

  it.each([
    ["States.Format('{} {}', $.name)", /more \{\} placeholders/],
    ["States.Format('{}', $.list)", /only strings, numbers, booleans and null/],
    ["States.StringToJson('not json')", /not valid JSON/],
    ['States.ArrayPartition($.list, 0)', /positive integer/],
    ['States.ArrayRange(1, 5000, 1)', /more than 1000 items/],
    ['States.ArrayRange(1, 5, 0)', /step must not be 0/],
    ['States.ArrayGetItem($.list, 5)', /outside the array/],
    ['States.ArrayLength($.name)', /must be an array/],
    ["States.Base64Decode('***')", /not Base64/],
    ["States.Hash($.name, 'SHA-999')", /algorithm must be one of/],
    ["States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'), true)", /shallow merge/],
    ['States.MathAdd($.name, 1)', /must be numbers/],
    ['States.MathRandom(5, 5)', /greater than the start/],
    ['States.UUID(1)', /expects 0 arguments/],
    ['States.Nope()', /not an intrinsic function/],
  ])('%s fails with an IntrinsicFailure', (expression, problem) => {
    expect(() => evaluate(expression)).toThrow(IntrinsicFailure);
    expect(() => evaluate(expression)).toThrow(problem);
  });

  it('a path argument that finds nothing is a path failure, as in any other field', () => {
    expect(() => evaluate('States.Array($.missing)')).toThrow(PathFailure);
  });
});

describe('Intrinsic functions in a running state machine', () => {
  it('work in Parameters and ResultSelector, and a failure ends the execution with States.IntrinsicFailure', async () => {
    const ok = await run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            Parameters: { 'greeting.$': "States.Format('Hi {}', $.name)", 'ids.$': 'States.ArrayRange(1, 3, 1)' },
            End: true,
          },
        },
      },
      [],
      { input: { name: 'Ada' } },
    );
    expect(parsed(ok.output)).toEqual({ greeting: 'Hi Ada', ids: [1, 2, 3] });

    const failed = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'x.$': 'States.ArrayGetItem($.list, 9)' }, End: true } } },
      [],
      {
        input: { list: [1] },
      },
    );
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('States.IntrinsicFailure');
    expect(failed.cause).toMatch(
      /^An error occurred while executing the state 'P' \(entered at the event id #2\)\. .*States\.ArrayGetItem/,
    );
    expect(eventsOfType(failed, 'ExecutionFailed')).toHaveLength(1);
  });

  it('works in a Fail state ErrorPath and CausePath', async () => {
    const result = await run(
      {
        StartAt: 'F',
        States: {
          F: { Type: 'Fail', ErrorPath: "States.Format('{}.Failed', $.kind)", CausePath: "States.Format('in {}', $$.State.Name)" },
        },
      },
      [],
      { input: { kind: 'Order' } },
    );
    expect([result.error, result.cause]).toEqual(['Order.Failed', 'in F']);
  });
});
