import { describe, expect, it } from '@jest/globals';
import type { ScenarioResult } from '../../src/run/runScenarios.js';
import type { Scenario } from '../../src/scenarios/types.js';
import { createProgressReporter, type ProgressStream } from '../../src/reporters/progressReport.js';

const at = { file: 'scenarios.yaml', line: 1, column: 1 };
const scenario: Scenario = { name: 'HTTPError everywhere', stateMachine: 'asteroids', input: {}, faults: [], expect: { at }, at };
const result: ScenarioResult = {
  name: scenario.name,
  stateMachine: 'asteroids',
  verdict: 'passed',
  failures: [],
  injectedFaults: [],
  wallTimeMs: 3,
};

function stream(isTTY: boolean): ProgressStream & { text: string } {
  const written = { text: '', isTTY, columns: 120, write: (chunk: string) => (written.text += chunk) };
  return written;
}

describe('Function: createProgressReporter', () => {
  it.each([
    ['a pipe', false, {}],
    ['a terminal in CI', true, { CI: 'true' }],
  ])('writes only the finished lines on %s', (_where, isTTY, env) => {
    const out = stream(isTTY);
    const progress = createProgressReporter(out, env);
    progress.onScenarioStart(scenario, 0, 2);
    progress.onScenarioEnd(result, 0, 2);
    progress.close();
    expect(out.text).toBe('✓ HTTPError everywhere  (asteroids, 3 ms)\n');
  });

  it('shows the running scenario on a live line on a terminal, then replaces it with the result', () => {
    const out = stream(true);
    const progress = createProgressReporter(out, { CI: 'false' });
    progress.onScenarioStart(scenario, 1, 9);
    expect(out.text).toBe('\r\u001b[2K[2/9] HTTPError everywhere (asteroids) … 0 s');
    progress.onScenarioEnd(result, 1, 9);
    expect(out.text.endsWith('\r\u001b[2K✓ HTTPError everywhere  (asteroids, 3 ms)\n')).toBe(true);
    progress.close();
  });

  it('clears a live line left by an interrupted run', () => {
    const out = stream(true);
    const progress = createProgressReporter(out, {});
    progress.onScenarioStart(scenario, 0, 1);
    progress.close();
    expect(out.text.endsWith('\r\u001b[2K')).toBe(true);
  });
});
