import type { ChaosConfig } from '../../../injectors/types.js';
import type { FunctionSpec, Scenario, StateMachineSpec } from '../../../scenarios/types.js';
import type { ArmingClaim } from '../../types.js';
import { deployedFunctionAddress } from '../resolve/deployedFunctionAddress.js';

/** The fault rules a scenario arms on one function of its state machine. */
export function faultsFor(scenario: Scenario, spec: FunctionSpec): ChaosConfig['faults'] {
  return scenario.faults.filter((fault) => fault.function === spec.key).map((fault) => fault.rule);
}

/** Same faults and seed: the same injection, so such scenarios may share one arming. */
export function claimKey(scenario: Scenario, spec: FunctionSpec): string {
  const faults = faultsFor(scenario, spec);
  // The seed only changes what `rate` rules do; without one, scenarios with the same rules inject alike.
  const seeded = faults.some((rule) => rule.rate !== undefined);
  return JSON.stringify({ faults, ...(seeded ? { seed: `${String(scenario.seed ?? scenario.name)}:${spec.key}` } : {}) });
}

/**
 * What each function of the state machine is armed with for the scenario, for the runner to schedule by.
 * `resourceOf` turns the address the file gives into the resolved function (`FunctionArming.resourceOf`),
 * so one function addressed two ways is claimed once.
 */
export function armingClaimsFor(
  scenario: Scenario,
  stateMachine: StateMachineSpec,
  resourceOf: (address: string) => string,
): ArmingClaim[] {
  return stateMachine.functions.map((spec) => {
    const faults = faultsFor(scenario, spec);
    return { resource: resourceOf(deployedFunctionAddress(spec)), config: faults.length === 0 ? '' : claimKey(scenario, spec) };
  });
}

/** The config armed on one function for one scenario of a run; undefined when it arms no fault there. */
export function chaosConfigFor(scenario: Scenario, spec: FunctionSpec, runId: string, expiresAtMs: number): ChaosConfig | undefined {
  const faults = faultsFor(scenario, spec);
  return faults.length === 0
    ? undefined
    : {
        faults,
        expiresAt: new Date(expiresAtMs).toISOString(),
        runId,
        scenarioId: scenario.name,
        seed: `${String(scenario.seed ?? scenario.name)}:${spec.key}`,
      };
}
