import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { resolvePlanExpectations } from '../../src/plan/resolvePlanExpectations.js';
import { loadScenarioFile as loadOnly } from '../../src/scenarios/load.js';

/** What a run sees: the file loaded, then its fromPlan: expectations computed. */
const loadScenarioFile = async (...args: Parameters<typeof loadOnly>) => resolvePlanExpectations(await loadOnly(...args));
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from '../scenarios/workspace.js';

afterAll(removeWorkspaces);

const definition = JSON.stringify({
  StartAt: 'Fetch',
  States: {
    Fetch: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fetch',
      TimeoutSeconds: 5,
      Retry: [
        { ErrorEquals: ['HTTPError'], IntervalSeconds: 2, MaxAttempts: 3, JitterStrategy: 'FULL' },
        { ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      End: true,
    },
    Recover: { Type: 'Pass', End: true },
  },
});

function scenarioFile(states: string, faults = '[{ function: fetch, error: HTTPError }]'): string {
  return workspace({
    'sm.asl.json': definition,
    'fetch.mjs': 'export const handler = async () => ({ ok: true });\n',
    'scenarios.yaml': [
      'stateMachines:',
      '  sm:',
      '    definition: sm.asl.json',
      '    functions:',
      '      fetch: { arn: "arn:aws:lambda:us-east-1:123456789012:function:fetch", handler: fetch.mjs#handler, timeout: 30 }',
      'scenarios:',
      '  - name: planned',
      `    faults: ${faults}`,
      '    expect:',
      '      states:',
      `        ${states}`,
      '',
    ].join('\n'),
  });
}

async function loadExpectation(states: string, faults?: string) {
  const dir = scenarioFile(states, faults);
  const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
  return { file, expectation: file.scenarios[0]?.expect.states?.['Fetch'] };
}

describe('fromPlan in a scenario file', () => {
  it('fromPlan: true computes attempts, jitter bounds and the catch from the injected error', async () => {
    const { expectation } = await loadExpectation('Fetch: { fromPlan: true }');
    expect(expectation).toMatchObject({
      attempts: 4,
      backoff: [
        { min: 0, max: 2 },
        { min: 0, max: 4 },
        { min: 0, max: 8 },
      ],
      caughtBy: 'Recover',
      outcome: 'caught',
      fromPlan: { errorName: 'HTTPError', requested: true },
    });
  });

  it('fromPlan: true follows the attempts a fault fires on', async () => {
    const { expectation } = await loadExpectation('Fetch: { fromPlan: true }', '[{ function: fetch, error: HTTPError, attempts: [1] }]');
    expect(expectation).toMatchObject({ attempts: 2, backoff: [{ min: 0, max: 2 }], caughtBy: null, outcome: 'succeeded' });
  });

  it("a hanging fault hits the shorter timeout: the state's 5 s before the function's 30 s", async () => {
    const { expectation } = await loadExpectation('Fetch: { fromPlan: true }', '[{ function: fetch, timeout: true }]');
    expect(expectation).toMatchObject({ attempts: 2, backoff: [1], caughtBy: 'Recover', fromPlan: { errorName: 'States.Timeout' } });
  });

  it('an error name gives the plan for that name', async () => {
    const { expectation } = await loadExpectation('Fetch: { fromPlan: States.ALL }');
    expect(expectation).toMatchObject({
      attempts: 1,
      backoff: [],
      caughtBy: 'Recover',
      fromPlan: { errorName: 'States.ALL', requested: 'States.ALL' },
    });
  });

  it('passes when run on the local engine, and fails when the run does not match the plan', async () => {
    const passing = await loadExpectation('Fetch: { fromPlan: true }');
    const result = await runScenarios(passing.file, { target: createLocalTarget() });
    expect(result.scenarios[0]?.failures).toEqual([]);
    // Same plan, but the fault lets the second attempt through: attempts, backoff and outcome differ.
    const other = await loadExpectation('Fetch: { fromPlan: true }', '[{ function: fetch, error: HTTPError, attempts: [1] }]');
    const scenario = other.file.scenarios[0];
    if (!scenario || !passing.file.scenarios[0]) throw new Error('no scenario');
    scenario.expect = passing.file.scenarios[0].expect;
    const failing = await runScenarios(other.file, { target: createLocalTarget() });
    const messages = failing.scenarios[0]?.failures.map((failure) => failure.message) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toContain('(expected from the retry plan for HTTPError)');
  });

  it.each([
    [
      'Fetch: { fromPlan: GeneralError }',
      /scenarios\.yaml:11:\d+: fromPlan: GeneralError is not an error the rules of "Fetch" name; its plan covers "HTTPError", "States.Timeout", "States.ALL"/,
    ],
    ['Fetch: { fromPlan: HTTPErorr }', /did you mean "HTTPError"\?/],
    ['Fetch: { fromPlan: true, attempts: 2 }', /scenarios\.yaml:11:\d+: state "Fetch": fromPlan: computes attempts: from the definition/],
    ['Recover: { fromPlan: true }', /scenarios\.yaml:11:\d+: fromPlan: state "Recover" cannot fail/],
    ['Fetch: { fromPlan: false }', /fromPlan must be true \(the error this scenario's fault injects\) or an error name/],
  ])('rejects %s with one line that names the file and line', async (states, message) => {
    const dir = scenarioFile(states);
    await expect(loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir })).rejects.toThrow(message);
  });

  it('rejects fromPlan: true when the fault fires at random or arms nothing the state invokes', async () => {
    const random = scenarioFile('Fetch: { fromPlan: true }', '[{ function: fetch, error: HTTPError, rate: 0.5 }]');
    await expect(loadScenarioFile(join(random, 'scenarios.yaml'), { cwd: random })).rejects.toThrow(/fires at random \(rate: 0\.5\)/);
    const none = scenarioFile('Fetch: { fromPlan: true }', '[]');
    await expect(loadScenarioFile(join(none, 'scenarios.yaml'), { cwd: none })).rejects.toThrow(/no fault of this scenario arms fetch/);
  });
});
