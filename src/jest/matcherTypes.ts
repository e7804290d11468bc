import type { ExecutionStatus } from '@aws-sdk/client-sfn';
// A real import from 'expect' is what makes the `declare module 'expect'` below an augmentation, not a new module.
import type { MatcherFunction } from 'expect';
import type { BackoffExpectation } from '../scenarios/types.js';
import type { BackoffMatcherOptions, StateMatcherOptions } from './matcherOptions.js';

/** The matchers sfn-chaos adds to `expect`, as they read in a test. */
export interface SfnChaosMatchers<R> {
  /**
   * The state (its first visit, or `options.visit`) ran this many attempts: the first try and every retry.
   * @example expect(result).toHaveAttempts('Download Exoplanets', 4);
   */
  toHaveAttempts(state: string, attempts: number, options?: StateMatcherOptions): R;
  /**
   * Seconds between each failed attempt and the next one, exact (within `tolerance`) or `{ min, max }` for jitter.
   * @example expect(result).toHaveBackoff('Download Exoplanets', [10, 20, 40], { tolerance: 1 });
   */
  toHaveBackoff(state: string, intervals: BackoffExpectation[], options?: BackoffMatcherOptions): R;
  /**
   * Error names of the failed attempts, in order.
   * @example expect(result).toHaveErrors('Download Exoplanets', ['HTTPError', 'HTTPError', 'HTTPError', 'HTTPError']);
   */
  toHaveErrors(state: string, errors: string[], options?: StateMatcherOptions): R;
  /**
   * A catcher of the state fired and the execution went on in `destination`; `null` means no catcher fired.
   * @example expect(result).toBeCaughtBy('Download Exoplanets', 'ErrorState');
   */
  toBeCaughtBy(state: string, destination: string | null, options?: StateMatcherOptions): R;
  /**
   * The execution's status (`SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, or `RUNNING` for a history without an end).
   * @example expect(result).toHaveExecutionStatus('SUCCEEDED');
   */
  toHaveExecutionStatus(status: ExecutionStatus): R;
}

/** Type of one sfn-chaos matcher as `expect.extend` receives it. */
export type SfnChaosMatcherFunction = MatcherFunction<never[]>;

declare module 'expect' {
  // Merges into jest's `expect` (from '@jest/globals' and the injected global).
  interface Matchers<R extends void | Promise<void>, T = unknown> extends SfnChaosMatchers<R> {}
}

declare global {
  // For projects typing the global `expect` with @types/jest.
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: jest declares Matchers<R, T = {}>; a merged declaration must repeat it
    interface Matchers<R, T = {}> extends SfnChaosMatchers<R> {}
  }
}
