/**
 * Small value schemas the parts of the scenario file share. `description` doubles as the message: a
 * failed value "must be <description>".
 *
 * @example
 * ```ts
 * const properties = { tolerance: seconds, visit: positiveInteger, name: text };
 * ```
 */

/** A number of seconds, 0 or more. */
export const seconds = { type: 'number', minimum: 0, description: 'a number of seconds (0 or more)' } as const;

/** A whole number, 1 or more (visits, attempts). */
export const positiveInteger = { type: 'integer', minimum: 1, description: 'a whole number, 1 or more' } as const;

/** A non-empty string. */
export const text = { type: 'string', minLength: 1, description: 'a non-empty string' } as const;

/** A substitution or template parameter value. */
export const scalarValue = {
  type: ['string', 'number', 'boolean'],
  description: 'a string, number or boolean',
} as const;

/** A seed: `seed:` of a scenario and of `defaults:`. */
export const seedSchema = { type: ['integer', 'string'], description: 'a whole number or a string' } as const;
