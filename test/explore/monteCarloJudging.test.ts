import { describe, expect, it } from '@jest/globals';
import { isRandomScenario } from '../../src/explore/monteCarlo.js';
import { monteCarloSeed, outcomeOf, runItems, type WorkItem } from '../../src/explore/runItems.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { asteroidsExploreFile } from './exploreFixture.js';

describe('runItems: Monte Carlo runs', () => {
  it('gives each run the outcome and expectation verdict runScenarios gives the same seeded scenario', async () => {
    const { file: path, dir } = asteroidsExploreFile();
    const file = await loadScenarioFile(path, { cwd: dir });
    const index = file.scenarios.findIndex(isRandomScenario);
    const scenario = file.scenarios[index];
    if (scenario === undefined) throw new Error('the fixture has no random scenario');
    const items: WorkItem[] = Array.from({ length: 40 }, (_, run) => ({ kind: 'monteCarlo', scenario: index, run: run + 1 }));

    const { results } = await runItems(file, items, () => {}, 'in-process');

    const seeded = items.map((item) => ({
      ...scenario,
      name: `${scenario.name} #${item.kind === 'monteCarlo' ? item.run : 0}`,
      seed: monteCarloSeed(scenario, item.kind === 'monteCarlo' ? item.run : 0),
    }));
    const run = await runScenarios(
      { ...file, scenarios: seeded },
      { target: createLocalTarget({ handlers: 'in-process' }), runId: 'explore' },
    );
    const expected = run.scenarios.map((result) => ({ outcome: outcomeOf(result), expectationsHeld: result.verdict === 'passed' }));
    expect(results.map(({ outcome, expectationsHeld }) => ({ outcome, expectationsHeld }))).toEqual(expected);
    // Both kinds of runs are in the sample: some reach the catcher, some do not.
    expect(new Set(results.map((result) => result.outcome.caught.length)).size).toBe(2);
  });

  it('reports a run whose state machine the file lacks as an ERROR outcome', async () => {
    const { file: path, dir } = asteroidsExploreFile();
    const file = await loadScenarioFile(path, { cwd: dir });
    const index = file.scenarios.findIndex(isRandomScenario);
    const scenarios = file.scenarios.map((scenario, position) =>
      position === index ? { ...scenario, stateMachine: 'missing' } : scenario,
    );
    const { results } = await runItems({ ...file, scenarios }, [{ kind: 'monteCarlo', scenario: index, run: 1 }], () => {}, 'in-process');
    expect(results[0]).toMatchObject({ outcome: { status: 'ERROR', error: 'unknown state machine "missing"' }, expectationsHeld: false });
  });
});
