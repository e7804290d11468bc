import type { Scenario } from '../scenarios/types.js';
import type { ExploreOutcome, MonteCarloSeries, OutcomeShare } from './exploreTypes.js';
import { wilsonInterval } from './wilson.js';

/**
 * Whether a scenario of the file has a fault that fires at random (`rate:` below 1): the ones a Monte
 * Carlo series runs with N seeds.
 *
 * @example
 * ```ts
 * isRandomScenario(scenario); // true for faults: [{ function: f, error: HTTPError, rate: 0.3 }]
 * ```
 */
export function isRandomScenario(scenario: Scenario): boolean {
  return scenario.faults.some((fault) => fault.rule.rate !== undefined && fault.rule.rate < 1);
}

/**
 * How an outcome is counted in a distribution: the status, the catchers that fired, the execution's error.
 *
 * @example
 * ```ts
 * outcomeKey({ status: 'SUCCEEDED', caught: ['Download Exoplanets → ErrorState'], virtualSeconds: 70, attempts: {} });
 * // 'SUCCEEDED via Download Exoplanets → ErrorState'
 * ```
 */
export function outcomeKey(outcome: ExploreOutcome): string {
  const via = outcome.caught.length > 0 ? ` via ${outcome.caught.join(', ')}` : '';
  const error = outcome.error !== undefined ? `: ${outcome.error}` : '';
  return `${outcome.status}${via}${error}`;
}

/**
 * The distribution of a series' outcomes, most frequent first (then by name), each with its Wilson
 * 95 % interval; and how often the scenario's own `expect` held, as one more share named `expectations held`.
 *
 * @example
 * ```ts
 * summarizeSeries(scenario, outcomes, held).outcomes[0]; // { outcome: 'SUCCEEDED', count: 71, share: 0.71, low: 0.61…, high: 0.79… }
 * ```
 */
export function summarizeSeries(
  scenario: Pick<Scenario, 'name' | 'stateMachine' | 'seed'>,
  outcomes: readonly ExploreOutcome[],
  expectationsHeld: number,
): MonteCarloSeries {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const key = outcomeKey(outcome);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const runs = outcomes.length;
  const share = (outcome: string, count: number): OutcomeShare => ({
    outcome,
    count,
    share: runs === 0 ? 0 : count / runs,
    ...wilsonInterval(count, runs),
  });
  const seconds = outcomes.map((outcome) => outcome.virtualSeconds);
  return {
    scenario: scenario.name,
    stateMachine: scenario.stateMachine,
    runs,
    seedBase: String(scenario.seed ?? scenario.name),
    outcomes: [...counts]
      .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
      .map(([outcome, count]) => share(outcome, count)),
    meanVirtualSeconds: runs === 0 ? 0 : seconds.reduce((sum, value) => sum + value, 0) / runs,
    worstVirtualSeconds: seconds.reduce((worst, value) => Math.max(worst, value), 0),
    expectationsHeld: share('expectations held', expectationsHeld),
  };
}
