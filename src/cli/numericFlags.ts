import { UsageError } from './UsageError.js';

/** What a numeric flag accepts: an integer or any number, and the smallest value allowed. */
export interface NumericFlagRule {
  /** Whole numbers only (`--concurrency 1.5` is refused). */
  integer: boolean;
  /** The smallest value allowed. */
  min: number;
  /** Whether `min` itself is allowed (`--timeout 0` is not, `--tolerance 0` is). */
  minInclusive: boolean;
  /** What the flag counts, for the message: `seconds`, `scenarios at a time`. */
  unit: string;
}

/**
 * Every numeric flag of every `chaos` command and what it accepts. The flags are declared to yargs as
 * strings and read here, so that a value such as `abc` is refused with its own text instead of
 * turning into `NaN` somewhere in a run.
 */
export const numericFlagRules = {
  concurrency: { integer: true, min: 1, minInclusive: true, unit: 'scenarios at a time' },
  timeout: { integer: false, min: 0, minInclusive: false, unit: 'seconds' },
  tolerance: { integer: false, min: 0, minInclusive: true, unit: 'seconds' },
} as const satisfies Record<string, NumericFlagRule>;

export type NumericFlagName = keyof typeof numericFlagRules;

/** A plain decimal number as a user types it: `3`, `0.5`, `-1`, `1e3` (no hex, no empty text, no `Infinity`). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads one numeric flag as given on the command line (yargs hands over a string, or an array when the
 * flag is repeated) and returns its number, or throws a UsageError naming the flag, what it accepts and
 * what was given. `undefined` (flag not given) stays `undefined`.
 *
 * @example
 * ```ts
 * readNumericFlag('concurrency', '4');   // 4
 * readNumericFlag('concurrency', 'abc'); // throws: --concurrency must be an integer >= 1 (scenarios at a time), got "abc"
 * ```
 */
export function readNumericFlag(name: NumericFlagName, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const rule: NumericFlagRule = numericFlagRules[name];
  const expected = `${rule.integer ? 'an integer' : 'a number'} ${rule.minInclusive ? '>=' : '>'} ${rule.min} (${rule.unit})`;
  if (Array.isArray(raw)) throw new UsageError(`--${name} was given ${raw.length} times; give it once`);
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  const fits =
    Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && (rule.minInclusive ? value >= rule.min : value > rule.min);
  if (!fits) throw new UsageError(`--${name} must be ${expected}, got ${JSON.stringify(typeof raw === 'string' ? raw : String(raw))}`);
  return value;
}

/**
 * Reads every numeric flag of a command at once, before anything runs; the result has a key only for the
 * flags that were given.
 *
 * @example
 * ```ts
 * readNumericFlags({ concurrency: '2', timeout: undefined }); // { concurrency: 2 }
 * ```
 */
export function readNumericFlags<Name extends NumericFlagName>(
  given: Readonly<Partial<Record<Name, unknown>>>,
): Partial<Record<Name, number>> {
  const result: Partial<Record<Name, number>> = {};
  for (const name of Object.keys(given) as Name[]) {
    const value = readNumericFlag(name, given[name]);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
