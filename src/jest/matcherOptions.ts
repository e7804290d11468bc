/** Options every state matcher takes. */
export interface StateMatcherOptions {
  /** Which visit of the state to check (1-based), for states a loop enters more than once; default 1. */
  visit?: number;
}

/** Options of `toHaveBackoff`. */
export interface BackoffMatcherOptions extends StateMatcherOptions {
  /**
   * Seconds an exact wait may differ from the expected one. Default: 0.001 for a result of the local target
   * (virtual time is exact), 1 otherwise (real AWS histories).
   */
  tolerance?: number;
}

const STATE_OPTION_NAMES = ['visit'] as const;
const BACKOFF_OPTION_NAMES = ['visit', 'tolerance'] as const;

/** Option names each matcher knows, so that a misspelt option fails the assertion instead of being ignored. */
export const MATCHER_OPTION_NAMES = {
  state: STATE_OPTION_NAMES,
  backoff: BACKOFF_OPTION_NAMES,
} as const;
