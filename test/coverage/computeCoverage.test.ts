import { describe, expect, it } from '@jest/globals';
import { computeCoverage } from '../../src/coverage/computeCoverage.js';
import { formatCoverage } from '../../src/coverage/formatCoverage.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

async function coverageOf(filter: (name: string) => boolean) {
  const file = await loadScenarioFile('scenarios.yaml');
  const result = await runScenarios(file, { target: createLocalTarget(), filter: (scenario) => filter(scenario.name) });
  return computeCoverage(file, result);
}

function ruleFired(coverage: Awaited<ReturnType<typeof coverageOf>>, machine: string, field: string): number | undefined {
  return coverage.stateMachines
    .find((candidate) => candidate.stateMachine === machine)
    ?.states.flatMap((state) => state.rules)
    .find((rule) => rule.field === field)?.fired;
}

describe('Function: computeCoverage', () => {
  it('attributes each retry and catch to the first matching rule', async () => {
    const coverage = await coverageOf((name) => name === 'HTTPError exhausts retries and lands in ErrorState');
    expect(coverage.stateMachines.map((machine) => machine.stateMachine)).toEqual(['asteroids']);
    // 4 attempts: 3 retries by Retry[0]; the final HTTPError passes GeneralError and is caught by States.ALL.
    expect(ruleFired(coverage, 'asteroids', 'States["Download Exoplanets"].Retry[0]')).toBe(3);
    expect(ruleFired(coverage, 'asteroids', 'States["Download Exoplanets"].Catch[0]')).toBe(0);
    expect(ruleFired(coverage, 'asteroids', 'States["Download Exoplanets"].Catch[1]')).toBe(1);
    expect(coverage.stateMachines[0]).toMatchObject({ exercised: 2, total: 3, scenarios: 1 });
    expect(formatCoverage(coverage)).toContain('Catch[0] GeneralError → ErrorState  never reached');
  });

  it('counts a retry of a visit that then succeeds, and no catch', async () => {
    const coverage = await coverageOf((name) => name === 'HTTPError twice, then the download succeeds');
    expect(ruleFired(coverage, 'asteroids', 'States["Download Exoplanets"].Retry[0]')).toBe(2);
    expect(ruleFired(coverage, 'asteroids', 'States["Download Exoplanets"].Catch[1]')).toBe(0);
  });

  it('covers every rule of the example workflows with the root scenarios', async () => {
    const coverage = await coverageOf(() => true);
    for (const machine of coverage.stateMachines)
      expect([machine.stateMachine, machine.exercised]).toEqual([machine.stateMachine, machine.total]);
    expect(ruleFired(coverage, 'random-error', 'States.Invoke.Catch[0]')).toBe(1);
    expect(ruleFired(coverage, 'random-error', 'States.Invoke.Retry[0]')).toBe(5);
  });

  it('leaves out state machines no scenario ran', async () => {
    const coverage = await coverageOf((name) => name.startsWith('Rolled doubles'));
    expect(coverage.stateMachines.map((machine) => machine.stateMachine)).toEqual(['random-error']);
    expect(ruleFired(coverage, 'random-error', 'States.Invoke.Retry[0]')).toBe(0);
  });
});

describe('Function: computeCoverage on a hand-made history analysis', () => {
  it('does not count a catcher for an error that left the state uncaught', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Retry: [{ ErrorEquals: ['A'] }],
          Catch: [{ ErrorEquals: ['A'], Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    };
    const at = new Date(0);
    const attempt = (n: number, error: string) => ({ attempt: n, scheduledEventId: n, scheduledAt: at, result: 'failed' as const, error });
    const visit = (outcome: 'failed' | 'caught', error: string) => ({
      name: 'T',
      visit: 1,
      enteredEventType: 'TaskStateEntered',
      enteredEventId: 2,
      enteredAt: at,
      attempts: [attempt(1, 'A'), attempt(2, error)],
      backoffIntervals: [1],
      outcome,
      error,
      ...(outcome === 'caught' ? { catchDestination: 'Done' } : {}),
    });
    const scenario = (name: string, outcome: 'failed' | 'caught', error: string) => ({
      name,
      stateMachine: 'sm',
      verdict: 'passed' as const,
      failures: [],
      injectedFaults: [],
      wallTimeMs: 0,
      analysis: { status: 'FAILED' as const, visits: [visit(outcome, error)] },
    });
    const file = {
      file: 'x.yaml',
      scenarios: [],
      stateMachines: {
        sm: {
          key: 'sm',
          definition,
          definitionFile: 'x',
          stateMachineName: 'sm',
          type: 'STANDARD' as const,
          functions: [],
          at: { file: 'x', line: 1, column: 1 },
        },
      },
    };
    const result = {
      file: 'x.yaml',
      target: 'local',
      runId: 'r',
      startedAt: at,
      finishedAt: at,
      scenarios: [scenario('uncaught B', 'failed', 'B'), scenario('caught A', 'caught', 'A')],
    };
    const [machine] = computeCoverage(file, result).stateMachines;
    expect(machine?.states[0]?.rules.map((rule) => [rule.field, rule.fired, rule.scenarios])).toEqual([
      ['States.T.Retry[0]', 2, ['uncaught B', 'caught A']],
      ['States.T.Catch[0]', 1, ['caught A']],
    ]);
  });
});
