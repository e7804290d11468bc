import { InvalidInputError } from '../errors.js';
import { didYouMean } from './loadErrors.js';

/**
 * The option names an options type has, written so that the compiler ties the list to the type: a key
 * missing or extra here is a type error.
 *
 * @example
 * ```ts
 * const KNOWN = optionNames<LocalTargetOptions>({ handlerRealTimeLimitMs: true });
 * ```
 */
export function optionNames<Options extends object>(names: { readonly [Key in keyof Required<Options>]: true }): readonly string[] {
  return Object.keys(names);
}

/**
 * Refuses an options object with a key its function does not know, so that a misspelt option
 * (`runScenarios(file, { concurency: 4 })`) fails loudly instead of being ignored; with a suggestion when the
 * key looks like a known one. Options that are not an object are refused too.
 *
 * @example
 * ```ts
 * checkOptions('runScenarios', { target, concurency: 4 }, optionNames<RunScenariosOptions>({ ... }));
 * // throws InvalidInputError: runScenarios(): unknown option "concurency"; did you mean "concurrency"?
 * ```
 */
export function checkOptions(functionName: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidInputError(`${functionName}(): options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key))
      throw new InvalidInputError(`${functionName}(): unknown option ${JSON.stringify(key)}${didYouMean(key, known)}`);
  }
}
