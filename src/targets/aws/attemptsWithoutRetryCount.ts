import { lambdaIntegrationOf, LambdaIntegration } from '../../engine/index.js';
import { findFunction } from '../../scenarios/loadFunctions.js';
import { lambdaTasks } from '../../sources/loadDefinition.js';
import type { Scenario, StateMachineSpec } from '../../scenarios/types.js';

/**
 * `attempts` faults on AWS learn the attempt from the payload's `RetryCount` field (the injector reads
 * `event.RetryCount`), which only exists when the Task passes `$$.State.RetryCount` into it. Locally the
 * engine tells the injector directly, so a scenario can pass locally and never fire on AWS. This names
 * every Task where that would happen, so the run can say so before it starts instead of after.
 *
 * @example
 * attemptsWithoutRetryCount(machine, scenario);
 * // ['"Download Exoplanets" invokes downloadExoplanetsLambda, whose attempts fault needs "RetryCount.$": "$$.State.RetryCount" in the Task\'s Parameters']
 */
export function attemptsWithoutRetryCount(machine: StateMachineSpec, scenario: Scenario): string[] {
  const attemptFunctions = new Set(scenario.faults.filter((fault) => fault.rule.attempts !== undefined).map((fault) => fault.function));
  if (attemptFunctions.size === 0) return [];
  const problems: string[] = [];
  for (const { state, functionRef } of lambdaTasks(machine.definition)) {
    const fn = findFunction(machine.functions, functionRef);
    if (!fn || !attemptFunctions.has(fn.key)) continue;
    if (payloadCarriesRetryCount(state.state)) continue;
    const legacy = lambdaIntegrationOf(state.state['Resource']) === LambdaIntegration.LegacyResource;
    const where = legacy
      ? 'Parameters (which then replace the whole payload: pass what the function reads too, e.g. "Input.$": "$")'
      : 'Parameters.Payload';
    problems.push(
      `"${state.name}" invokes ${fn.key}, whose attempts fault cannot tell the attempt on AWS: add "RetryCount.$": "$$.State.RetryCount" to the Task's ${where}`,
    );
  }
  return problems;
}

/** The payload template names `RetryCount` at its top level, filled from the context object's retry count. */
function payloadCarriesRetryCount(state: Record<string, unknown>): boolean {
  const template = lambdaIntegrationOf(state['Resource']) === LambdaIntegration.LegacyResource ? state['Parameters'] : payloadOf(state);
  if (typeof template !== 'object' || template === null) return false;
  const fields = template as Record<string, unknown>;
  const jsonPath = fields['RetryCount.$'];
  if (typeof jsonPath === 'string' && jsonPath.includes('$$.State.RetryCount')) return true;
  const jsonata = fields['RetryCount'];
  return typeof jsonata === 'string' && /\$states\.context\.State\.RetryCount/.test(jsonata);
}

function payloadOf(state: Record<string, unknown>): unknown {
  for (const field of ['Parameters', 'Arguments']) {
    const template = state[field];
    if (typeof template === 'object' && template !== null) return (template as Record<string, unknown>)['Payload'];
  }
  return undefined;
}
