import type { RuleCoverage, RunCoverage, StateCoverage, StateMachineCoverage } from '../run/coverageTypes.js';

/**
 * The coverage of several runs of disjoint scenarios as one (shards of a run, chunks of an exploration):
 * per state machine and rule, the firings added up and the scenarios joined, in the order given;
 * `exercised` counted again over the joined rules.
 *
 * @example
 * ```ts
 * mergeCoverage([computeCoverage(file, shard1), computeCoverage(file, shard2)]).stateMachines[0]?.exercised; // 3
 * ```
 */
export function mergeCoverage(parts: readonly RunCoverage[]): RunCoverage {
  const machines = new Map<string, StateMachineCoverage>();
  for (const part of parts) {
    for (const machine of part.stateMachines) {
      const merged = machines.get(machine.stateMachine);
      if (merged === undefined) machines.set(machine.stateMachine, copyMachine(machine));
      else addMachine(merged, machine);
    }
  }
  return {
    stateMachines: [...machines.values()].map((machine) => {
      const rules = machine.states.flatMap((state) => state.rules).filter((rule) => rule.unreachableByFunctionFaults !== true);
      return { ...machine, exercised: rules.filter((rule) => rule.fired > 0).length, total: rules.length };
    }),
  };
}

function copyMachine(machine: StateMachineCoverage): StateMachineCoverage {
  return { ...machine, states: machine.states.map((state) => ({ ...state, rules: state.rules.map(copyRule) })) };
}

function copyRule(rule: RuleCoverage): RuleCoverage {
  return { ...rule, errorEquals: [...rule.errorEquals], scenarios: [...rule.scenarios] };
}

function addMachine(merged: StateMachineCoverage, machine: StateMachineCoverage): void {
  merged.scenarios += machine.scenarios;
  for (const state of machine.states) {
    const into = merged.states.find((candidate) => candidate.name === state.name);
    if (into === undefined) merged.states.push({ ...state, rules: state.rules.map(copyRule) });
    else addState(into, state);
  }
}

function addState(into: StateCoverage, state: StateCoverage): void {
  for (const rule of state.rules) {
    const target = into.rules.find((candidate) => candidate.kind === rule.kind && candidate.index === rule.index);
    if (target === undefined) {
      into.rules.push(copyRule(rule));
      continue;
    }
    target.fired += rule.fired;
    for (const name of rule.scenarios) if (!target.scenarios.includes(name)) target.scenarios.push(name);
  }
}
