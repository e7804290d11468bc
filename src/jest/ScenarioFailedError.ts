import type { ScenarioResult } from '../run/results.js';

/** Marks every ScenarioFailedError, whichever build of `sfn-chaos/jest` (ESM or CommonJS) made it. */
const brand: unique symbol = Symbol.for('sfn-chaos.ScenarioFailedError');

/**
 * A scenario run by `describeScenarios()` did not pass; the message is what `chaos run` prints for it.
 * `instanceof` holds across the ESM and CommonJS builds (a CommonJS suite's tests run the ESM engine).
 *
 * @example
 * ```ts
 * try { await runNamedScenario(file, cwd, name); } catch (error) {
 *   if (error instanceof ScenarioFailedError) console.log(error.result.failures);
 * }
 * ```
 */
export class ScenarioFailedError extends Error {
  readonly result: ScenarioResult;
  readonly [brand] = true;
  constructor(message: string, result: ScenarioResult, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScenarioFailedError';
    this.result = result;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}
