import { describe, expect, it } from '@jest/globals';
import { choiceRuleHolds } from '../../src/engine/asl/choiceRules.js';
import { PathFailure } from '../../src/engine/data/pathFailure.js';
import type { JsonObject, JsonValue } from '../../src/engine/data/json.js';
import { stringMatches } from '../../src/engine/asl/stringMatches.js';
import { eventsOfType, parsed, run, typesOf } from './helpers.js';

const data: JsonValue = {
  name: 'order-17',
  count: 5,
  price: 2.5,
  flag: true,
  nothing: null,
  when: '2024-05-01T12:00:00Z',
  later: '2024-05-01T14:00:00+01:00',
  other: { count: 5, name: 'order-17', flag: true, when: '2024-05-01T12:00:00Z' },
};
const context: JsonValue = { State: { Name: 'Decide', RetryCount: 0 } };
const holds = (rule: JsonObject) => choiceRuleHolds(rule, data, context);

describe('Choice comparison operators', () => {
  it.each([
    [{ Variable: '$.name', StringEquals: 'order-17' }, true],
    [{ Variable: '$.name', StringEquals: 'order-18' }, false],
    [{ Variable: '$.name', StringLessThan: 'order-2' }, true],
    [{ Variable: '$.name', StringGreaterThan: 'order-2' }, false],
    [{ Variable: '$.name', StringLessThanEquals: 'order-17' }, true],
    [{ Variable: '$.name', StringGreaterThanEquals: 'order-17' }, true],
    [{ Variable: '$.count', NumericEquals: 5 }, true],
    [{ Variable: '$.count', NumericLessThan: 5 }, false],
    [{ Variable: '$.count', NumericGreaterThan: 4 }, true],
    [{ Variable: '$.price', NumericLessThanEquals: 2.5 }, true],
    [{ Variable: '$.price', NumericGreaterThanEquals: 3 }, false],
    [{ Variable: '$.flag', BooleanEquals: true }, true],
    [{ Variable: '$.flag', BooleanEquals: false }, false],
    [{ Variable: '$.when', TimestampEquals: '2024-05-01T12:00:00.000Z' }, true],
    [{ Variable: '$.when', TimestampLessThan: '2024-05-01T13:00:00Z' }, true],
    [{ Variable: '$.later', TimestampGreaterThan: '2024-05-01T12:30:00Z' }, true],
    [{ Variable: '$.later', TimestampLessThanEquals: '2024-05-01T13:00:00Z' }, true],
    [{ Variable: '$.when', TimestampGreaterThanEquals: '2024-05-01T12:00:01Z' }, false],
  ])('%j → %s', (rule, expected) => {
    expect(holds(rule as JsonObject)).toBe(expected);
  });

  it('compares against another path with the …Path variants, including $$', () => {
    expect(holds({ Variable: '$.count', NumericEqualsPath: '$.other.count' })).toBe(true);
    expect(holds({ Variable: '$.name', StringEqualsPath: '$.other.name' })).toBe(true);
    expect(holds({ Variable: '$.flag', BooleanEqualsPath: '$.other.flag' })).toBe(true);
    expect(holds({ Variable: '$.when', TimestampLessThanPath: '$.later' })).toBe(true);
    expect(holds({ Variable: '$.count', NumericGreaterThanPath: '$$.State.RetryCount' })).toBe(true);
    expect(holds({ Variable: '$$.State.Name', StringEquals: 'Decide' })).toBe(true);
  });

  it('is false, not an error, when the types differ', () => {
    expect(holds({ Variable: '$.count', StringEquals: '5' })).toBe(false);
    expect(holds({ Variable: '$.name', NumericEquals: 5 })).toBe(false);
    expect(holds({ Variable: '$.name', TimestampEquals: '2024-05-01T12:00:00Z' })).toBe(false);
  });

  it('supports the type tests', () => {
    expect(holds({ Variable: '$.nothing', IsNull: true })).toBe(true);
    expect(holds({ Variable: '$.count', IsNull: false })).toBe(true);
    expect(holds({ Variable: '$.count', IsNumeric: true })).toBe(true);
    expect(holds({ Variable: '$.name', IsString: true })).toBe(true);
    expect(holds({ Variable: '$.flag', IsBoolean: true })).toBe(true);
    expect(holds({ Variable: '$.when', IsTimestamp: true })).toBe(true);
    expect(holds({ Variable: '$.name', IsTimestamp: true })).toBe(false);
    expect(holds({ Variable: '$.count', IsPresent: true })).toBe(true);
    expect(holds({ Variable: '$.absent', IsPresent: false })).toBe(true);
    expect(holds({ Variable: '$.absent', IsPresent: true })).toBe(false);
  });

  it('combines rules with And, Or and Not', () => {
    const five = { Variable: '$.count', NumericEquals: 5 };
    const six = { Variable: '$.count', NumericEquals: 6 };
    expect(holds({ And: [five, { Variable: '$.flag', BooleanEquals: true }] })).toBe(true);
    expect(holds({ And: [five, six] })).toBe(false);
    expect(holds({ Or: [six, five] })).toBe(true);
    expect(holds({ Not: six })).toBe(true);
    expect(holds({ Not: { Or: [five, six] } })).toBe(false);
  });

  it('throws a PathFailure when any operator but IsPresent reads a missing path', () => {
    expect(() => holds({ Variable: '$.absent', StringEquals: 'x' })).toThrow(PathFailure);
    expect(() => holds({ Variable: '$.absent', IsNull: true })).toThrow(PathFailure);
    expect(() => holds({ Variable: '$.count', NumericEqualsPath: '$.absent' })).toThrow(PathFailure);
  });
});

describe('StringMatches', () => {
  it('treats * as a wildcard and \\* / \\\\ as literals', () => {
    expect(stringMatches('log-2024.txt', 'log-*.txt')).toBe(true);
    expect(stringMatches('log-.txt', 'log-*.txt')).toBe(true);
    expect(stringMatches('log-2024.csv', 'log-*.txt')).toBe(false);
    expect(stringMatches('a*b', 'a\\*b')).toBe(true);
    expect(stringMatches('axb', 'a\\*b')).toBe(false);
    expect(stringMatches('a\\b', 'a\\\\b')).toBe(true);
    expect(stringMatches('a.b', 'a?b')).toBe(false);
    expect(holds({ Variable: '$.name', StringMatches: 'order-*' })).toBe(true);
  });
});

describe('Choice state', () => {
  const definition = {
    StartAt: 'Decide',
    States: {
      Decide: {
        Type: 'Choice',
        InputPath: '$.order',
        OutputPath: '$.total',
        Choices: [
          { Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' },
          {
            And: [
              { Variable: '$.total', NumericGreaterThan: 10 },
              { Variable: '$.vip', BooleanEquals: true },
            ],
            Next: 'Vip',
          },
        ],
        Default: 'Small',
      },
      Big: { Type: 'Succeed' },
      Vip: { Type: 'Succeed' },
      Small: { Type: 'Succeed' },
    },
  };
  const chosen = async (order: unknown) => {
    const result = await run(definition, [], { input: { order } });
    return [eventsOfType(result, 'SucceedStateEntered')[0]?.stateEnteredEventDetails?.name, parsed(result.output)];
  };

  it('takes the first rule that holds, else Default, and applies InputPath and OutputPath', async () => {
    expect(await chosen({ total: 500, vip: true })).toEqual(['Big', 500]);
    expect(await chosen({ total: 50, vip: true })).toEqual(['Vip', 50]);
    expect(await chosen({ total: 50, vip: false })).toEqual(['Small', 50]);
  });

  it('records ChoiceStateEntered and ChoiceStateExited', async () => {
    const result = await run(definition, [], { input: { order: { total: 1, vip: false } } });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('fails with States.NoChoiceMatched without a Default', async () => {
    const result = await run(
      {
        StartAt: 'C',
        States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }] }, D: { Type: 'Succeed' } },
      },
      [],
      {
        input: { x: 2 },
      },
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.NoChoiceMatched');
  });

  it('fails with States.Runtime when a condition reads a missing path', async () => {
    const result = await run({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } },
    });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'C' (entered at the event id #2). Invalid path: The choice state's condition path references an undefined value.",
    );
  });
});
