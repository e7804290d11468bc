import type { FaultKindDefinition } from './FaultKindDefinition.js';
import { faultSecondsSchema, millisecondsSchema, secondsToMs } from './sharedFields.js';

/** Fields of a `latency` rule. */
export interface LatencyFaultFields {
  /** `latency`: added delay in milliseconds: a fixed number or a `[min, max]` range. */
  latencyMs?: number | [number, number];
}

/**
 * `latency`: the invocation is delayed, then the next fault (or the handler) runs; it fails nothing.
 * A `[min, max]` range is drawn once per invocation, from the seeded latency stream.
 *
 * @example
 * ```ts
 * latencyFault.errorNamesRaised({ latencyMs: 200 }); // []
 * ```
 */
export const latencyFault: FaultKindDefinition<'latency', LatencyFaultFields> = {
  kind: 'latency',
  ruleFields: {
    latencyMs: {
      description: 'a delay in milliseconds, either a number or a [min, max] pair',
      anyOf: [millisecondsSchema, { type: 'array', items: [millisecondsSchema, millisecondsSchema], minItems: 2, additionalItems: false }],
    },
  },
  requiredRuleFields: ['latencyMs'],
  scenarioKey: 'latency',
  scenarioFields: {
    latency: {
      anyOf: [faultSecondsSchema, { type: 'array', items: faultSecondsSchema, minItems: 2, maxItems: 2 }],
      description: `a number of seconds, or [min, max] seconds, from 0 to ${faultSecondsSchema.maximum} (Lambda's longest function timeout)`,
    },
  },
  endsInvocation: false,
  ruleFieldsFromScenario(fault) {
    const latency = fault['latency'] as number | [number, number] | undefined;
    if (latency === undefined) return {};
    if (!Array.isArray(latency)) return { latencyMs: secondsToMs(latency) };
    const [min, max] = latency;
    if (min > max) return { problem: `latency [${min}, ${max}] has its minimum above its maximum`, key: 'latency' };
    return { latencyMs: [secondsToMs(min), secondsToMs(max)] };
  },
  drawDelayMs: (rule, random) => (rule.latencyMs === undefined ? undefined : drawLatency(rule.latencyMs, random)),
  apply: (_rule, { drawnDelayMs }) => ({ waitMs: drawnDelayMs ?? 0 }),
  errorNamesRaised: () => [],
  plannedFailure: (_rule, { functionKey, nameInstead }) => ({
    problem: `fromPlan: true, but the fault on ${functionKey} only adds latency, which does not fail the state; ${nameInstead}`,
  }),
};

/**
 * A delay for a `latency` rule: the fixed value, or a whole number of ms drawn from `[min, max]`.
 *
 * @example
 * ```ts
 * drawLatency([100, 200], () => 0.5); // 150
 * ```
 */
export function drawLatency(latencyMs: number | [number, number], random: () => number): number {
  if (typeof latencyMs === 'number') return latencyMs;
  const [min, max] = latencyMs;
  const drawn = Math.round(min + random() * (max - min));
  return Math.min(max, Math.max(min, drawn));
}
