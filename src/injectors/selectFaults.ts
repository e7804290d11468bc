import { faultKindOf } from './faultKinds/index.js';
import { faultIdOf } from './parseChaosConfig.js';
import type { FaultRule } from './types.js';

/** Why a rule fired: its `rate` draw, its `attempts` list, or neither being set (it always fires). */
export type FaultTrigger = 'rate' | 'attempts' | 'always';

export interface SelectedFault {
  rule: FaultRule;
  /** Position of the rule in `faults`. */
  index: number;
  faultId: string;
  trigger: FaultTrigger;
}

export interface FaultSelection {
  /**
   * Rules that fire on this invocation, in config order: zero or more `latency` rules, then at most one
   * ending rule (`error`, `throttle` or `timeout`). Nothing after the ending rule is included.
   */
  fired: SelectedFault[];
  /** `attempts` rules that could not be decided because the attempt number is unknown. */
  undecided: SelectedFault[];
}

/**
 * Decides which faults fire on one invocation. Pure apart from `random` (and `isMatching`).
 *
 * - A rule whose `match` does not hold for this invocation (`isMatching` returns false) never fires
 *   and is never reported as undecided: it was not meant for this execution. It still takes its
 *   `rate` draw, so that matching never shifts the other rules' sequences.
 * - A rule with `rate` fires when a draw from `random` is below it. Every `rate` rule draws exactly
 *   once per invocation, even when an earlier rule already decided the outcome, so each rule's
 *   fire/skip sequence depends only on the seed and the rule's position.
 * - A rule with `attempts` fires when `attempt` (1-based) is listed; with no `attempt` it does not fire
 *   and is reported in `undecided`.
 * - A rule with neither fires on every invocation.
 * - `latency` rules add up and let evaluation continue; the first ending rule that fires wins.
 */
export function selectFaults(
  rules: readonly FaultRule[],
  attempt: number | undefined,
  random: () => number,
  isMatching: (rule: FaultRule) => boolean = () => true,
): FaultSelection {
  const fired: SelectedFault[] = [];
  const undecided: SelectedFault[] = [];
  let ended = false;
  rules.forEach((rule, index) => {
    const draw = rule.rate !== undefined ? random() : undefined;
    if (rule.match !== undefined && !isMatching(rule)) return;
    let fires: boolean;
    let trigger: FaultTrigger;
    if (rule.rate !== undefined && draw !== undefined) {
      trigger = 'rate';
      fires = draw < rule.rate;
    } else if (rule.attempts !== undefined) {
      trigger = 'attempts';
      fires = attempt !== undefined && rule.attempts.includes(attempt);
      if (attempt === undefined) undecided.push({ rule, index, faultId: faultIdOf(rule, index), trigger });
    } else {
      trigger = 'always';
      fires = true;
    }
    if (!fires || ended) return;
    fired.push({ rule, index, faultId: faultIdOf(rule, index), trigger });
    if (faultKindOf(rule.kind).endsInvocation) ended = true;
  });
  return { fired, undecided };
}
