import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { numericFlagRules, readNumericFlag, readNumericFlags } from '../../src/cli/numericFlags.js';
import { UsageError } from '../../src/cli/UsageError.js';

describe('Function: readNumericFlag', () => {
  it.each([
    ['concurrency', '4', 4],
    ['concurrency', '1', 1],
    ['timeout', '0.5', 0.5],
    ['timeout', '1e3', 1000],
    ['tolerance', '0', 0],
    ['tolerance', ' 2.5 ', 2.5],
  ] as const)('reads --%s %j as %d', (name, raw, value) => {
    expect(readNumericFlag(name, raw)).toBe(value);
  });

  it.each([
    ['concurrency', 'abc', /^--concurrency must be an integer >= 1 \(scenarios at a time\), got "abc" \(see chaos --help\)$/],
    ['concurrency', '0', /integer >= 1.*got "0"/],
    ['concurrency', '-1', /integer >= 1.*got "-1"/],
    ['concurrency', '1.5', /integer >= 1.*got "1.5"/],
    ['concurrency', '', /got ""/],
    ['timeout', 'abc', /^--timeout must be a number > 0 \(seconds\), got "abc"/],
    ['timeout', '0', /number > 0.*got "0"/],
    ['timeout', 'Infinity', /got "Infinity"/],
    ['tolerance', 'abc', /^--tolerance must be a number >= 0 \(seconds\), got "abc"/],
    ['tolerance', '-1', /number >= 0.*got "-1"/],
    ['tolerance', '0x10', /got "0x10"/],
  ] as const)('refuses --%s %j with a UsageError (exit 2) saying what it accepts', (name, raw, message) => {
    let thrown: unknown;
    try {
      readNumericFlag(name, raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).exitCode).toBe(2);
    expect((thrown as UsageError).message).toMatch(message);
  });

  it('refuses a flag given twice instead of taking one of the values', () => {
    expect(() => readNumericFlag('concurrency', ['2', '3'])).toThrow('--concurrency was given 2 times; give it once');
  });

  it('leaves a flag that was not given undefined', () => {
    expect(readNumericFlag('timeout', undefined)).toBeUndefined();
    expect(readNumericFlags({ concurrency: '2', timeout: undefined, tolerance: '0' })).toEqual({ concurrency: 2, tolerance: 0 });
  });

  it('accepts exactly the finite numbers its rule allows, for any text', () => {
    const names = Object.keys(numericFlagRules) as Array<keyof typeof numericFlagRules>;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(fc.string(), fc.double().map(String), fc.integer({ min: -5, max: 5 }).map(String)),
        (name, raw) => {
          const rule = numericFlagRules[name];
          let value: number | undefined;
          try {
            value = readNumericFlag(name, raw);
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
            return;
          }
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBe(Number(raw));
          if (rule.integer) expect(Number.isInteger(value)).toBe(true);
          expect(rule.minInclusive ? (value as number) >= rule.min : (value as number) > rule.min).toBe(true);
        },
      ),
    );
  });
});
