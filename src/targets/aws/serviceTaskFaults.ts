import { describeServiceFaultTarget } from '../../scenarios/serviceFaultTargets.js';
import type { Scenario } from '../../scenarios/types.js';

/**
 * The scenario's faults on service Tasks (`state:` / `service:`), which the AWS target cannot inject:
 * on AWS the real service answers the Task's call, and there is no function to arm in between. A real
 * run refuses such a scenario before arming anything; `--dry-run` warns.
 *
 * @example
 * serviceTaskFaultProblems(scenario);
 * // ['fault 1 (state "Save order") breaks a service Task\'s call, which only the local engine can do; on AWS the real service answers']
 */
export function serviceTaskFaultProblems(scenario: Pick<Scenario, 'faults'>): string[] {
  const problems: string[] = [];
  scenario.faults.forEach((fault, index) => {
    if (fault.task === undefined) return;
    const name = fault.rule.id === undefined ? `fault ${index + 1}` : `fault ${JSON.stringify(fault.rule.id)}`;
    problems.push(
      `${name} (${describeServiceFaultTarget(fault.task)}) breaks a service Task's call, which only the local engine can do; on AWS the real service answers`,
    );
  });
  return problems;
}
