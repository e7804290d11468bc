import { beforeAll, describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatScenarioResult } from '../../src/reporters/consoleReport.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type ScenarioResult } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/console');

describe('Function: formatScenarioResult', () => {
  let results: Record<string, ScenarioResult>;
  const shown = (name: string): string => {
    const result = results[name];
    if (!result) throw new Error(`no result for ${name}`);
    return formatScenarioResult(result);
  };

  beforeAll(async () => {
    const file = await loadScenarioFile(join(fixtures, 'scenarios.yaml'), { cwd: fixtures });
    const run = await runScenarios(file, { target: createLocalTarget() });
    results = Object.fromEntries(run.scenarios.map((result) => [result.name, result]));
  });

  it('shows the error and the cause, on one shortened line, of an execution that failed', () => {
    const lines = shown('the ledger is closed, which the scenario does not expect').split('\n');
    const execution = lines.find((line) => line.startsWith('    execution FAILED'));
    expect(execution).toMatch(
      /^ {4}execution FAILED: LedgerClosedError: \{"errorType":"LedgerClosedError","errorMessage":"the ledger is closed for Sunday; retry tomorrow/,
    );
    expect(execution?.length).toBeLessThanOrEqual('    execution FAILED: LedgerClosedError: '.length + 160);
    expect(execution).toMatch(/…$/);
  });

  it('names a timed-out or aborted execution even without an error or cause', () => {
    const failed = results['the ledger is closed, which the scenario does not expect'];
    if (!failed?.execution) throw new Error('the failing scenario has no execution');
    const { error: _error, cause: _cause, ...rest } = failed.execution;
    expect(formatScenarioResult({ ...failed, execution: { ...rest, status: 'ABORTED' } })).toContain('\n    execution ABORTED\n');
    expect(
      formatScenarioResult({ ...failed, execution: { ...failed.execution, status: 'TIMED_OUT', cause: 'line one\n  line two' } }),
    ).toContain('\n    execution TIMED_OUT: LedgerClosedError: line one line two\n');
  });

  it('lists the failures no fault explains under a failed scenario', () => {
    expect(shown('the ledger is closed, which the scenario does not expect')).toContain(
      [
        '    fault ledger: 0 of 2 failed attempts were injected',
        '    not injected by sfn-chaos: Book attempt 1 LedgerClosedError (TaskFailed id 14)',
      ].join('\n'),
    );
  });

  it("keeps a passing scenario to its verdict line, even when the function's own errors failed it as expected", () => {
    expect(shown('the ledger is closed, which the scenario expects').split('\n')).toHaveLength(1);
    expect(shown('a card declined inside the Parallel is caught').split('\n')).toHaveLength(1);
  });

  it('attributes a fault injected into a Parallel branch to the Task inside it, not to the Parallel', () => {
    const origins = results['a card declined inside the Parallel is caught']?.execution?.failedAttempts;
    expect(origins?.map(({ stateName, error, injected, failureEventType }) => ({ stateName, error, injected, failureEventType }))).toEqual([
      { stateName: 'Charge card', error: 'CardDeclined', injected: true, failureEventType: 'TaskFailed' },
    ]);
  });
});
