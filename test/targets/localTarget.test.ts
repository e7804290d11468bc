import { describe, expect, it, beforeAll } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { exitCodeFor, runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { buildJsonReport } from '../../src/reporters/jsonReport.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import type { Target } from '../../src/targets/types.js';

const scenariosFile = fileURLToPath(new URL('./fixtures/scenarios.yaml', import.meta.url));

describe('local target', () => {
  let file: ScenarioFile;
  let result: RunResult;

  beforeAll(async () => {
    file = await loadScenarioFile(scenariosFile);
    result = await runScenarios(file, { target: createLocalTarget(), runId: 'test-run' });
  });

  it('passes every scenario of the fixture file', () => {
    expect(result.scenarios.map((scenario) => [scenario.name, scenario.verdict, scenario.failures])).toEqual(
      file.scenarios.map((scenario) => [scenario.name, 'passed', []]),
    );
    expect(exitCodeFor(result)).toBe(0);
  });

  it('injects once through a handler its author already wrapped, on the engine-reported attempt', () => {
    const scenario = result.scenarios[0];
    expect(scenario?.injectedFaults).toHaveLength(1);
    expect(scenario?.injectedFaults[0]).toMatchObject({ kind: 'error', errorName: 'FlakyError', attempt: 1, runId: 'test-run' });
    expect(scenario?.injectorWarnings).toEqual([]);
  });

  it('tells per failed attempt whether the injector caused it', () => {
    expect(result.scenarios[0]?.execution?.failedAttempts).toEqual([
      expect.objectContaining({ stateName: 'Prepare', attempt: 1, error: 'FlakyError', injected: true }),
    ]);
    expect(result.scenarios[1]?.execution?.failedAttempts).toEqual([
      expect.objectContaining({ stateName: 'Report', attempt: 1, error: 'Lambda.TooManyRequestsException', injected: true }),
    ]);
  });

  it('runs callback-style handlers, with the function timeout as remaining time, through lambda:invoke', () => {
    const throttled = result.scenarios[1];
    expect(throttled?.execution?.error).toBe('Lambda.TooManyRequestsException');
    expect(throttled?.history?.some((event) => event.type === 'TaskFailed')).toBe(true);
  });

  it('names executions after the run and the scenario', () => {
    expect(result.scenarios.map((scenario) => scenario.execution?.name)).toEqual([
      expect.stringMatching(/^chaos-test-run-1-/),
      expect.stringMatching(/^chaos-test-run-2-/),
      expect.stringMatching(/^chaos-test-run-3-/),
    ]);
  });

  it('builds a JSON report with per-state observations and the history', () => {
    const report = buildJsonReport(result) as { summary: unknown; scenarios: Array<Record<string, unknown>> };
    expect(report.summary).toEqual({ passed: 3, failed: 0, error: 0, skipped: 0 });
    const first = report.scenarios[0] as { states: Record<string, unknown[]>; history: unknown[]; execution: { output: unknown } };
    expect(first.states['Prepare']?.[0]).toMatchObject({
      attempts: 2,
      backoffIntervals: [3],
      errors: ['FlakyError'],
      outcome: 'succeeded',
    });
    expect(first.history.length).toBeGreaterThan(0);
    expect(first.execution.output).toEqual({ style: 'callback', remainingMs: 7000 });
  });
});

describe('runScenarios', () => {
  it('reports a scenario the target cannot run as an error, runs the others, and exits 3', async () => {
    const file = await loadScenarioFile(scenariosFile);
    const local = createLocalTarget();
    let calls = 0;
    const flaky: Target = {
      name: 'local',
      defaultBackoffTolerance: 0.001,
      runScenario: (request) => {
        calls += 1;
        if (calls === 2) return Promise.reject(new Error('connection reset'));
        return local.runScenario(request);
      },
    };
    const result = await runScenarios(file, { target: flaky });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed', 'error', 'passed']);
    expect(result.scenarios[1]?.error).toBe('Error: connection reset');
    expect(exitCodeFor(result)).toBe(3);
  });

  it('exits 1 when an expectation fails and skips the rest once aborted', async () => {
    const file = await loadScenarioFile(scenariosFile);
    const wrong = {
      ...file,
      scenarios: file.scenarios.map((scenario, index) =>
        index === 0 ? { ...scenario, expect: { ...scenario.expect, status: 'FAILED' as const } } : scenario,
      ),
    };
    const abort = new AbortController();
    const result = await runScenarios(wrong, {
      target: createLocalTarget(),
      signal: abort.signal,
      onScenarioEnd: (_result, index) => {
        if (index === 1) abort.abort();
      },
    });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['failed', 'passed', 'skipped']);
    expect(result.scenarios[0]?.failures[0]?.message).toMatch(/expected status FAILED, saw SUCCEEDED/);
  });
});

describe('formatSeconds', () => {
  it('reads naturally from milliseconds to days', async () => {
    const { formatSeconds } = await import('../../src/assertions/wording.js');
    expect([0.25, 70, 725, 90_986].map((seconds) => formatSeconds(seconds, { long: true }))).toEqual([
      '0.25 s',
      '1 min 10 s',
      '12 min 5 s',
      '25 h 16 min',
    ]);
  });
});
