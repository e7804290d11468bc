import { serviceFaultErrorName, StatesErrorName } from '../engine/index.js';
import { faultableTaskOf, targetsServiceCall } from '../scenarios/serviceFaultTargets.js';
import type { ScenarioFault } from '../scenarios/types.js';

/** The error a planned attempt fails with, and which attempts fail. */
export interface PlannedServiceFailure {
  errorName: string;
  failsAttempt: (attempt: number) => boolean;
}

/** An HTTP Task's own limit (serviceFaults.ts in the engine). */
const httpTaskMaxSeconds = 60;

/**
 * For `fromPlan: true` on a service or activity Task: the error the scenario's one fault on it (`state:`,
 * `service:` or `activity:`) makes each attempt fail with, as the service reports it (the engine's service error
 * table), or why that cannot be told; `undefined` when the state is neither.
 *
 * @example
 * serviceFaultFailure('Save order', state, [{ task: { state: 'Save order' }, rule: { kind: 'throttle', attempts: [1] }, at }]);
 * // { errorName: 'DynamoDB.ProvisionedThroughputExceededException', failsAttempt: (attempt) => attempt === 1 }
 */
export function serviceFaultFailure(
  stateName: string,
  state: Readonly<Record<string, unknown>>,
  faults: readonly ScenarioFault[],
): PlannedServiceFailure | { problem: string } | undefined {
  const task = faultableTaskOf(stateName, state);
  if (task === undefined) return undefined;
  const { resource } = task;
  const named = 'or name the error instead (fromPlan: DynamoDB.ProvisionedThroughputExceededException)';
  const call = { stateName, serviceAction: resource.serviceAction, activityName: task.activity?.name };
  // Only the scenario's own machine's faults: a nested workflow's Task of the same name is another Task.
  const matching = faults.filter(
    (fault) => fault.task !== undefined && fault.stateMachine === undefined && targetsServiceCall(fault.task, call),
  );
  const [fault, second] = matching;
  if (fault === undefined) {
    return {
      problem: `fromPlan: true, but no fault of this scenario breaks the ${resource.serviceAction} call of ${JSON.stringify(stateName)}; add one (state: ${stateName}) ${named}`,
    };
  }
  if (second !== undefined)
    return { problem: `fromPlan: true, but ${matching.length} faults break ${JSON.stringify(stateName)}; ${named}` };
  const { rule } = fault;
  if (rule.rate !== undefined && rule.rate < 1) {
    return {
      problem: `fromPlan: true cannot predict a fault that fires at random (rate: ${rule.rate}); use attempts: [..] in the fault ${named}`,
    };
  }
  const failsAttempt = (attempt: number): boolean => rule.attempts === undefined || rule.attempts.includes(attempt);
  if (rule.kind === 'timeout') {
    const timeout = state['TimeoutSeconds'];
    if (
      rule.durationMs !== undefined ||
      state['TimeoutSecondsPath'] !== undefined ||
      (timeout !== undefined && typeof timeout !== 'number')
    ) {
      return { problem: `fromPlan: true cannot tell whether this hang outlasts the state's TimeoutSeconds; ${named}` };
    }
    const isHttp = resource.serviceAction === 'http:invoke';
    // The state's timer is set first, so at 60 seconds exactly its States.Timeout wins.
    const httpFirst = isHttp && (timeout === undefined || timeout > httpTaskMaxSeconds);
    return { errorName: httpFirst ? StatesErrorName.HttpSocket : StatesErrorName.Timeout, failsAttempt };
  }
  const errorName = serviceFaultErrorName(resource, rule.kind, rule.errorName);
  if (errorName === undefined) return { problem: `fromPlan: true, but a ${rule.kind} fault does not fail the state; ${named}` };
  return { errorName, failsAttempt };
}
