import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { computeCoverage } from '../../src/coverage/computeCoverage.js';
import { formatCoverage } from '../../src/coverage/formatCoverage.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

const root = join(import.meta.dirname, '..', '..');

describe('coverage of an InvocationType: Event Task', () => {
  it("does not count its Retry and Catch rules, which the function's faults can never reach", async () => {
    const file = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
    const result = await runScenarios(file, {
      target: createLocalTarget(),
      filter: (scenario) => scenario.stateMachine === 'random-error-async',
    });
    const machine = computeCoverage(file, result).stateMachines.find((candidate) => candidate.stateMachine === 'random-error-async');
    expect(machine?.total).toBe(0);
    const rules = machine?.states.find((state) => state.name === 'Invoke')?.rules ?? [];
    expect(rules).toHaveLength(3);
    expect(rules.every((rule) => rule.unreachableByFunctionFaults === true && rule.fired === 0)).toBe(true);
    expect(formatCoverage({ stateMachines: machine ? [machine] : [] })).toContain(
      "not counted: InvocationType Event, the function's errors go to Lambda's async retries",
    );
  });
});
