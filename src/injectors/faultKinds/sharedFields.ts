import { MAX_LAMBDA_TIMEOUT_MS } from '../constants.js';

/**
 * Schema fragments that more than one fault kind uses. A field two kinds share is one object here, so
 * the derived schemas hold it once.
 */

/** A number of milliseconds, 0 or more (fault config). */
export const millisecondsSchema = { type: 'number', minimum: 0 } as const;

/**
 * Seconds a fault waits (`latency`, `timeout`) in a scenario file: at most Lambda's longest function
 * timeout, 900 s. A longer wait would end the same way (the function times out first), and converted
 * to the injector's milliseconds a huge one would stop being a number.
 */
export const LONGEST_FAULT_WAIT_SECONDS = MAX_LAMBDA_TIMEOUT_MS / 1000;

/** A scenario file's number of seconds a fault waits, from 0 to {@link LONGEST_FAULT_WAIT_SECONDS}. */
export const faultSecondsSchema = {
  type: 'number',
  minimum: 0,
  maximum: LONGEST_FAULT_WAIT_SECONDS,
  description: `a number of seconds from 0 to ${LONGEST_FAULT_WAIT_SECONDS} (Lambda's longest function timeout)`,
} as const;

/** `message` of an `error` or `throttle` rule (fault config). */
export const messageRuleSchema = { type: 'string', description: 'kind "error" or "throttle": the error message.' } as const;

/** `message:` of an `error` or `throttle` fault (scenario file). */
export const messageScenarioSchema = { type: 'string', description: 'a string' } as const;

/** Scenario seconds to the injector's whole milliseconds. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}
