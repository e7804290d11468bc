/**
 * The part of `sfn-chaos/jest` that CommonJS suites load too: the matchers, registered on jest's global
 * `expect`. It imports only the history assertions at run time (nothing ESM-only), so it is also built as
 * CommonJS.
 */
import { sfnChaosMatchers } from './matchers.js';
export type { SfnChaosMatchers } from './matcherTypes.js';
export type { BackoffMatcherOptions, StateMatcherOptions } from './matcherOptions.js';
export { sfnChaosMatchers };

interface ExtensibleExpect {
  extend(matchers: Record<string, unknown>): void;
}

const globalExpect = (globalThis as { expect?: Partial<ExtensibleExpect> }).expect;
// Without jest's injected globals (injectGlobals: false) there is nothing to extend here; such suites call
// expect.extend(sfnChaosMatchers) on the expect they import (docs/jest.md).
if (typeof globalExpect?.extend === 'function') globalExpect.extend(sfnChaosMatchers);
