import { API_BURST, API_CALLS_PER_SECOND } from '../constants.js';
import { Pacer } from './Pacer.js';

/** The APIs the target paces, by name. */
export type PacedApi = keyof typeof API_CALLS_PER_SECOND;

/** One shared {@link Pacer} per paced API, used by every scenario of a run. */
export type AwsPacers = Record<PacedApi, Pacer>;

/**
 * The pacers of one run: {@link API_CALLS_PER_SECOND} with `callsPerSecond` overriding some rates, each
 * with its burst from {@link API_BURST}.
 *
 * @example
 * ```ts
 * const pacers = createPacers({ DescribeExecution: 4 });
 * await callAws(() => sfn.send(command), policy, signal, { pacer: pacers.DescribeExecution });
 * ```
 */
export function createPacers(callsPerSecond?: Partial<Record<PacedApi, number>>): AwsPacers {
  const rates = { ...API_CALLS_PER_SECOND, ...callsPerSecond };
  return Object.fromEntries(
    Object.entries(rates).map(([api, rate]) => [api, new Pacer(rate, API_BURST[api as keyof typeof API_BURST])]),
  ) as AwsPacers;
}
