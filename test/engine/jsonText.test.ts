import { describe, it, expect } from '@jest/globals';
import { cloneJson, jsonTextOf, toJsonValueWithText, type JsonValue } from '../../src/engine/data/json.js';
import { StepFunctionsLimit } from '../../src/engine/asl/limits.js';
import { jsonTextExceedsPayloadLimit } from '../../src/engine/visit/stateIo.js';
import { arnOf, localFunction, run } from './helpers.js';

const limit = StepFunctionsLimit.payloadBytes;

describe('Function: jsonTextExceedsPayloadLimit', () => {
  it('counts UTF-8 bytes, not characters, at the 256 KiB boundary', () => {
    expect(jsonTextExceedsPayloadLimit('a'.repeat(limit))).toBe(false);
    expect(jsonTextExceedsPayloadLimit('a'.repeat(limit + 1))).toBe(true);
    // 'é' is one UTF-16 unit and two UTF-8 bytes: half the quota in characters is the whole quota in bytes.
    expect(jsonTextExceedsPayloadLimit('é'.repeat(limit / 2))).toBe(false);
    expect(jsonTextExceedsPayloadLimit('é'.repeat(limit / 2 + 1))).toBe(true);
    // '€' takes three bytes: a third of the quota in characters (rounded up) is already over it.
    expect(jsonTextExceedsPayloadLimit('€'.repeat(Math.ceil(limit / 3) + 1))).toBe(true);
    expect(jsonTextExceedsPayloadLimit('€'.repeat(Math.floor(limit / 3)))).toBe(false);
  });
});

describe('Function: toJsonValueWithText', () => {
  it('returns the value as JSON would carry it and the text it came from', () => {
    const when = new Date('2025-01-01T00:00:00.000Z');
    const converted = toJsonValueWithText({ when, skipped: undefined, list: [undefined, 1] });
    expect(converted).toEqual({
      value: { when: '2025-01-01T00:00:00.000Z', list: [null, 1] },
      text: '{"when":"2025-01-01T00:00:00.000Z","list":[null,1]}',
    });
    expect(JSON.parse(converted?.text ?? '')).toEqual(converted?.value);
  });

  it('turns undefined into null and refuses what JSON cannot carry', () => {
    expect(toJsonValueWithText(undefined)).toEqual({ value: null, text: 'null' });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(toJsonValueWithText(cyclic)).toBeUndefined();
    expect(toJsonValueWithText({ big: 1n })).toBeUndefined();
  });
});

describe('Function: jsonTextOf', () => {
  it('reuses a known text only for that very value', () => {
    const value = { a: 1 };
    // A deliberately different text shows which path was taken.
    const known = { value, text: '{"a":"known"}' };
    expect(jsonTextOf(value, known)).toBe('{"a":"known"}');
    expect(jsonTextOf({ a: 1 }, known)).toBe('{"a":1}');
    expect(jsonTextOf(value)).toBe('{"a":1}');
  });
});

describe('Engine: JSON text in the history', () => {
  it('writes every payload as the compact JSON text of the value that flows on', async () => {
    const produce = localFunction('produce', async () => ({
      name: 'ünïcode €',
      when: new Date('2025-01-01T00:00:00.000Z'),
      gone: undefined,
    }));
    const consume = localFunction('consume', async (event) => ({ seen: event }));
    const result = await run(
      {
        StartAt: 'Produce',
        States: {
          Produce: { Type: 'Task', Resource: arnOf('produce'), Next: 'Consume' },
          Consume: { Type: 'Task', Resource: arnOf('consume'), ResultPath: '$.consumed', End: true },
        },
      },
      [produce, consume],
      { input: { start: true } },
    );
    expect(result.status).toBe('SUCCEEDED');
    const produced = '{"name":"ünïcode €","when":"2025-01-01T00:00:00.000Z"}';
    const finalOutput = `{"name":"ünïcode €","when":"2025-01-01T00:00:00.000Z","consumed":{"seen":${produced}}}`;
    const texts = result.events.map((event) => [
      event.type,
      event.stateEnteredEventDetails?.input ??
        event.stateExitedEventDetails?.output ??
        event.lambdaFunctionScheduledEventDetails?.input ??
        event.lambdaFunctionSucceededEventDetails?.output ??
        event.executionSucceededEventDetails?.output ??
        event.executionStartedEventDetails?.input,
    ]);
    expect(texts).toEqual([
      ['ExecutionStarted', '{"start":true}'],
      ['TaskStateEntered', '{"start":true}'],
      ['LambdaFunctionScheduled', '{"start":true}'],
      ['LambdaFunctionStarted', undefined],
      ['LambdaFunctionSucceeded', produced],
      ['TaskStateExited', produced],
      ['TaskStateEntered', produced],
      ['LambdaFunctionScheduled', produced],
      ['LambdaFunctionStarted', undefined],
      ['LambdaFunctionSucceeded', `{"seen":${produced}}`],
      ['TaskStateExited', finalOutput],
      ['ExecutionSucceeded', finalOutput],
    ]);
    expect(result.input).toBe('{"start":true}');
    expect(result.output).toBe(finalOutput);
  });

  it('fails a state whose multi-byte output is over 256 KiB, and not one just under', async () => {
    // Two-byte characters: the JSON text is under the quota in characters but over it in bytes.
    const over = localFunction('over', async () => 'é'.repeat(limit / 2));
    const under = localFunction('under', async () => 'é'.repeat(limit / 2 - 1));
    const definitionFor = (name: string): unknown => ({
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: arnOf(name), End: true } },
    });
    const overResult = await run(definitionFor('over'), [over]);
    expect(overResult.status).toBe('FAILED');
    expect(overResult.error).toBe('States.DataLimitExceeded');
    const underResult = await run(definitionFor('under'), [under]);
    expect(underResult.status).toBe('SUCCEEDED');
  });
});

describe('Function: cloneJson', () => {
  const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

  it('gives what the JSON round trip gives, sharing nothing with the original', () => {
    const original = {
      order: {
        id: 42,
        lines: [
          { sku: 'a', qty: 2 },
          { sku: 'b', qty: 1.5 },
        ],
        note: null,
        paid: false,
      },
      tags: ['x', 'y'],
      '7': 'integer-like keys first',
      empty: {},
      none: [],
    };
    const copy = cloneJson(original as unknown as JsonValue);
    expect(copy).toStrictEqual(roundTrip(original));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
    (copy as { order: { lines: unknown[] } }).order.lines.push('more');
    expect(original.order.lines).toHaveLength(2);
    expect((copy as { tags: unknown }).tags).not.toBe(original.tags);
  });

  it('normalises what the JSON text cannot carry as JSON.parse would read it', () => {
    const original = { zero: -0, list: [-0, Number.NaN, Number.POSITIVE_INFINITY, undefined], gone: undefined };
    const copy = cloneJson(original as unknown as JsonValue);
    expect(copy).toStrictEqual(roundTrip(original));
    expect(Object.is((copy as { zero: number }).zero, 0)).toBe(true);
    expect(Object.keys(copy as object)).toEqual(['zero', 'list']);
  });

  it('keeps a __proto__ key as an own member, as JSON.parse does, without touching the prototype', () => {
    const original = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as JsonValue;
    const copy = cloneJson(original);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy as object)).toEqual(['__proto__', 'a']);
    expect((copy as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('copies a Date the way its JSON text carries it, and inherited members not at all', () => {
    const withDate = { at: new Date('2025-01-01T00:00:00.000Z') };
    expect(cloneJson(withDate as unknown as JsonValue)).toStrictEqual({ at: '2025-01-01T00:00:00.000Z' });
    const inherited = Object.create({ inherited: 1 }) as Record<string, unknown>;
    inherited['own'] = 2;
    expect(cloneJson({ nested: inherited } as unknown as JsonValue)).toStrictEqual({ nested: JSON.parse('{"own":2}') });
  });

  it('copies nesting as deep as JSON.stringify can write, into arrays it writes as fast', () => {
    let deep: JsonValue = 'bottom';
    for (let depth = 0; depth < 3_000; depth++) deep = depth % 2 === 0 ? [deep] : { inner: deep };
    expect(JSON.stringify(cloneJson(deep))).toBe(JSON.stringify(deep));
  });
});
