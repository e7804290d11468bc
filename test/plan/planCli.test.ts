import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function chaos(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'bin/chaos.js'), ...args],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('chaos plan', () => {
  it('prints a table per state and the warnings with file:line, exit 0', async () => {
    const run = await chaos(['plan', '--template', 'examples/asteroids/template.yaml', '--resource', 'GetAsteroidsDataStepFunction']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/HTTPError\s+4\s+Retry\[0\]\s+10, 20, 40\s+70 s\s+caught by Catch\[1\] → ErrorState/);
    expect(run.stdout).toContain('examples/asteroids/template.yaml:45:17: States["Download Exoplanets"]: Task has no TimeoutSeconds');
  });

  it('lists an activity Task (examples/activity-review) with its Retry and Catch', async () => {
    const run = await chaos(['plan', 'examples/activity-review/statemachine.asl.json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Review order (Task)');
    expect(run.stdout).toMatch(/States\.Timeout\s+2\s+Retry\[0\]\s+30\s+30 s\s+caught by Catch\[0\] → Escalate/);
  });

  it('--json gives the plan and the lints; --strict turns warnings into exit 1', async () => {
    const run = await chaos(['plan', 'examples/random-error/statemachine/random-error.asl.json', '--json', '--strict']);
    expect(run.code).toBe(1);
    const plan = JSON.parse(run.stdout) as {
      states: Array<{ name: string; errors: Array<{ errorName: string; attempts: number; backoff: number[] }> }>;
      lints: Array<{ code: string; line: number }>;
    };
    expect(plan.states[0]?.errors.find((row) => row.errorName === 'Lambda.TooManyRequestsException')).toMatchObject({
      attempts: 6,
      backoff: [1, 2, 4, 8, 16],
    });
    expect(plan.lints).toEqual([expect.objectContaining({ code: 'missing-lambda-service-retrier', line: 13 })]);
  });

  it('refuses a definition chaos run refuses, even with --strict: exit 2, one line naming the missing target', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-plan-'));
    const definition = JSON.parse(await readFile(join(root, 'examples/order-recovery/statemachine.asl.json'), 'utf8')) as {
      States: Record<string, { Next?: string }>;
    };
    const first = definition.States['Create order record'];
    if (first) first.Next = 'Check availabilty';
    await writeFile(join(dir, 'orders.asl.json'), JSON.stringify(definition, null, 2));
    const run = await chaos(['plan', join(dir, 'orders.asl.json'), '--strict']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /orders\.asl\.json:\d+:\d+: state machine orders: States\["Create order record"\]\.Next: Missing 'Next' target: "Check availabilty"/,
    );
  });

  it('a definition file that does not exist is exit 2 with one line', async () => {
    const run = await chaos(['plan', 'nope.asl.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('chaos: nope.asl.json: definition file does not exist\n');
  });
});

describe('chaos run --coverage', () => {
  it('prints coverage after the summary and adds a coverage key to the JSON report', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'sfn-chaos-coverage-')), 'results.json');
    const run = await chaos(['run', 'scenarios.yaml', '--coverage', '--scenario', 'GeneralError', '--reporter', 'json', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/passed, 0 failed\nRetry\/Catch coverage\n {2}asteroids: 1 of 3 rules exercised \(1 scenario\)/);
    const report = JSON.parse(await readFile(out, 'utf8')) as {
      coverage: { stateMachines: Array<{ stateMachine: string; exercised: number; total: number }> };
    };
    expect(report.coverage.stateMachines).toEqual([expect.objectContaining({ stateMachine: 'asteroids', exercised: 1, total: 3 })]);
  });
});
