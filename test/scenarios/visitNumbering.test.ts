import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { FIXTURES } from './workspace.js';

/** What docs/scenario-file.md says about visits inside Map and Parallel states, checked on a real run. */
describe('visit numbering inside Map and Parallel states', () => {
  let run: RunResult;

  beforeAll(async () => {
    const dir = join(FIXTURES, 'visits');
    run = await runScenarios(await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir }), { target: createLocalTarget() });
  });

  it('lets the scenarios written from the docs pass', () => {
    expect(run.scenarios.map((scenario) => [scenario.name, scenario.verdict, scenario.failures])).toEqual([
      ['three orders, then the Parallel runs twice', 'passed', []],
      ['the first run of the Parallel is visit 1 of the Task inside', 'passed', []],
    ]);
  });

  it('numbers a Task inside a Map once per iteration, in the order the iterations entered it', () => {
    const visits = run.scenarios[0]?.analysis?.visits.filter((visit) => visit.name === 'Charge card') ?? [];
    expect(visits.map((visit) => [visit.visit, visit.enclosingState])).toEqual([
      [1, { name: 'Charge all', visit: 1, attempt: 1, iterationIndex: 0 }],
      [2, { name: 'Charge all', visit: 1, attempt: 1, iterationIndex: 1 }],
      [3, { name: 'Charge all', visit: 1, attempt: 1, iterationIndex: 2 }],
    ]);
  });

  it('gives the Task inside a retried Parallel a new visit per run, while the Parallel keeps one visit with two attempts', () => {
    const visits = run.scenarios[0]?.analysis?.visits ?? [];
    expect(
      visits.filter((visit) => visit.name === 'Reserve stock').map((visit) => [visit.visit, visit.enclosingState?.attempt, visit.outcome]),
    ).toEqual([
      [1, 1, 'failed'],
      [2, 2, 'succeeded'],
    ]);
    expect(visits.filter((visit) => visit.name === 'Pay and ship').map((visit) => [visit.visit, visit.attempts.length])).toEqual([[1, 2]]);
  });
});
