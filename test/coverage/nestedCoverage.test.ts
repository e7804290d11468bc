import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { computeCoverage } from '../../src/coverage/computeCoverage.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from '../scenarios/workspace.js';

afterAll(removeWorkspaces);

const parent = {
  StartAt: 'Run child',
  States: {
    'Run child': {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child', Input: {} },
      Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Parked' }],
      End: true,
    },
    Parked: { Type: 'Pass', End: true },
  },
};

const child = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge',
      Retry: [{ ErrorEquals: ['PaymentDeclined'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Gave up' }],
      End: true,
    },
    'Gave up': { Type: 'Fail', Error: 'GaveUp' },
  },
};

describe('coverage of nested workflows', () => {
  it("counts a child execution's rules for the child state machine, and the parent's .sync Task's States.TaskFailed rules", async () => {
    const dir = workspace({
      'parent.asl.json': JSON.stringify(parent),
      'child.asl.json': JSON.stringify(child),
      'charge.mjs': 'export const handler = async () => ({ charged: true });\n',
      'scenarios.yaml': [
        'stateMachines:',
        '  parent:',
        '    definition: parent.asl.json',
        '  child:',
        '    definition: child.asl.json',
        '    functions:',
        '      charge: { arn: "arn:aws:lambda:us-east-1:123456789012:function:charge", handler: charge.mjs#handler }',
        'scenarios:',
        '  - name: the child retries once and succeeds',
        '    stateMachine: parent',
        '    faults: [{ function: charge, error: PaymentDeclined, attempts: [1] }]',
        '    expect: { status: SUCCEEDED }',
        '  - name: the child fails every time; the parent retries it, then parks',
        '    stateMachine: parent',
        '    faults: [{ function: charge, error: PaymentDeclined }]',
        '    expect: { status: SUCCEEDED }',
        '',
      ].join('\n'),
    });
    const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
    const result = await runScenarios(file, { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed', 'passed']);
    const coverage = computeCoverage(file, result);
    const childCoverage = coverage.stateMachines.find((machine) => machine.stateMachine === 'child');
    expect(childCoverage).toMatchObject({ scenarios: 2, exercised: 1, total: 2 });
    const [retry, catcher] = childCoverage?.states[0]?.rules ?? [];
    // The first scenario's one child retries once; the second's two children retry once each.
    expect(retry).toMatchObject({ kind: 'Retry', fired: 3 });
    expect(retry?.scenarios).toHaveLength(2);
    expect(catcher).toMatchObject({ kind: 'Catch', fired: 0 });
    const parentRules = coverage.stateMachines.find((machine) => machine.stateMachine === 'parent')?.states[0]?.rules ?? [];
    expect(parentRules.map((rule) => [rule.kind, rule.fired])).toEqual([
      ['Retry', 1],
      ['Catch', 1],
    ]);
  });
});
