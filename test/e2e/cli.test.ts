import { describe, expect, it, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/chaos.js');
const fixtures = join(root, 'test/e2e/fixtures');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function chaos(args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

interface StateReport {
  attempts: number;
  backoffIntervals: number[];
  errors: string[];
  outcome: string;
  catchDestination: string | null;
}
interface Report {
  summary: Record<string, number>;
  scenarios: Array<{
    name: string;
    verdict: string;
    execution: { status: string; output?: unknown };
    states: Record<string, StateReport[]>;
    history: Array<{ id: number; previousEventId: number; type: string; timestamp: string }>;
    injectedFaults: Array<Record<string, unknown>>;
  }>;
}

describe('chaos run on the root scenarios.yaml', () => {
  let run: CliRun;
  let report: Report;

  beforeAll(async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'sfn-chaos-e2e-')), 'results.json');
    run = await chaos(['run', 'scenarios.yaml', '--reporter', 'json', '--out', out]);
    report = JSON.parse(await readFile(out, 'utf8')) as Report;
  });

  it('passes every scenario and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(report.summary['failed']).toBe(0);
    expect(report.scenarios.length).toBeGreaterThanOrEqual(6);
    expect(report.scenarios.every((scenario) => scenario.verdict === 'passed')).toBe(true);
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('reports 4 attempts, 10/20/40 s of backoff and the ErrorState catch for HTTPError', () => {
    const scenario = report.scenarios.find((s) => s.name.startsWith('HTTPError exhausts'));
    const state = scenario?.states['Download Exoplanets']?.[0];
    expect(state).toMatchObject({ attempts: 4, backoffIntervals: [10, 20, 40], catchDestination: 'ErrorState', outcome: 'caught' });
    expect(state?.errors).toEqual(['HTTPError', 'HTTPError', 'HTTPError', 'HTTPError']);
    expect(scenario?.injectedFaults).toHaveLength(4);
  });

  it('writes the full history in GetExecutionHistory shape', () => {
    const history = report.scenarios[0]?.history ?? [];
    expect(history[0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted' });
    expect(history.map((event) => event.id)).toEqual(history.map((_, index) => index + 1));
    expect(history.filter((event) => event.type === 'LambdaFunctionScheduled')).toHaveLength(5);
    const last = history[history.length - 1];
    expect(last?.type).toBe('ExecutionSucceeded');
    // 70 seconds of virtual backoff between the first and the last event.
    const span = Date.parse(last?.timestamp ?? '') - Date.parse(history[0]?.timestamp ?? '');
    expect(span).toBeGreaterThanOrEqual(70_000);
  });

  it('reports throttles on random-error: 6 attempts, 1/2/4/8/16 s, UncaughtException', () => {
    const scenario = report.scenarios.find((s) => s.name.startsWith('Throttled'));
    expect(scenario?.states['Invoke']?.[0]).toMatchObject({
      attempts: 6,
      backoffIntervals: [1, 2, 4, 8, 16],
      catchDestination: 'UncaughtException',
    });
    expect(scenario?.execution.output).toBe('Invocation failed.');
  });
});

describe('chaos run with wrong expectations', () => {
  it('exits 1 and shows expected against actual for each failed scenario', async () => {
    const run = await chaos(['run', join(fixtures, 'wrong-expectations.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ expects one retry too few/);
    expect(run.stdout).toMatch(/expected 3 attempts.*4/);
    expect(run.stdout).toMatch(/expected a wait of 30s .*before attempt 4, saw 40s/);
    expect(run.stdout).toMatch(/✗ expects the execution to fail/);
    expect(run.stdout).toMatch(/expected status FAILED, saw SUCCEEDED/);
    // The attempts timeline of the failing state is shown under its failures.
    expect(run.stdout).toMatch(/#4 t\+70s +HTTPError/);
    expect(run.stdout).toMatch(/✓ this one is right/);
    expect(run.stdout).toMatch(/^1 passed, 2 failed$/m);
  });
});

describe('chaos run with bad input', () => {
  it('exits 2 with one line naming the file and line, and suggests the closest state', async () => {
    const run = await chaos(['run', join(fixtures, 'unknown-state.yaml')]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/unknown-state\.yaml:11:9: .*Download Exoplanet.*did you mean "Download Exoplanets"/);
  });

  it('exits 2 for a missing scenario file', async () => {
    const run = await chaos(['run', 'no-such-file.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no-such-file\.yaml/);
  });

  it('exits 2 for an unknown flag, in one line', async () => {
    const run = await chaos(['run', 'scenarios.yaml', '--reporterr', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
