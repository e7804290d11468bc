import { InvalidInputError } from '../errors.js';
import type { ScenarioFile } from '../scenarios/types.js';
import { expectationFromPlan } from './expectationFromPlan.js';

/**
 * Fills in every `fromPlan:` state expectation of a loaded file (attempts, backoff, caughtBy, outcome and
 * the error they were computed for) from the state machine's own rules, with the retry plan's computation.
 * The scenario loader only records the request, so that loading needs no planner; runs call this before
 * they judge anything. A request the plan cannot answer is an {@link InvalidInputError} at the `fromPlan:`
 * line. Expectations already filled in are left alone, so calling it twice is harmless. Returns `file`.
 *
 * @example
 * ```ts
 * const file = resolvePlanExpectations(await loadScenarioFile('scenarios.yaml'));
 * ```
 */
export function resolvePlanExpectations(file: ScenarioFile): ScenarioFile {
  for (const scenario of file.scenarios) {
    const machine = file.stateMachines[scenario.stateMachine];
    if (!machine) continue;
    for (const [stateName, expectation] of Object.entries(scenario.expect.states ?? {})) {
      const request = expectation.fromPlan;
      if (request === undefined || request.errorName !== undefined) continue;
      const planned = expectationFromPlan({
        definition: machine.definition,
        stateName,
        request: request.requested,
        faults: scenario.faults,
        functions: machine.functions,
        services: [scenario.services, machine.services],
      });
      if ('problem' in planned) throw new InvalidInputError(planned.problem, request.at);
      expectation.attempts = planned.attempts;
      expectation.backoff = planned.backoff.map((wait) => (typeof wait === 'number' ? wait : { min: wait.min, max: wait.max }));
      expectation.caughtBy = planned.caughtBy;
      expectation.outcome = planned.outcome;
      request.errorName = planned.errorName;
    }
  }
  return file;
}
