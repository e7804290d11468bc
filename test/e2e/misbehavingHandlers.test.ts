import { describe, expect, it, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = 'test/e2e/fixtures/misbehaving';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  realMs: number;
}

function chaos(args: string[]): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [join(root, 'bin/chaos.js'), ...args],
      { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr, realMs: Date.now() - started });
      },
    );
  });
}

interface Attempt {
  error?: string;
  cause?: string;
  scheduledAt: string;
  endedAt: string;
}
interface Report {
  scenarios: Array<{ name: string; verdict: string; states: Record<string, Array<{ attemptDetails: Attempt[]; outcome: string }>> }>;
}

describe('chaos run with handlers that misbehave', () => {
  let run: CliRun;
  let report: Report;

  beforeAll(async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'sfn-chaos-misbehaving-')), 'results.json');
    run = await chaos(['run', `${fixtures}/scenarios.yaml`, '--reporter', 'json', '--out', out]);
    report = JSON.parse(await readFile(out, 'utf8')) as Report;
  }, 60_000);

  function attemptsOf(name: string): Attempt[] {
    return report.scenarios.find((scenario) => scenario.name === name)?.states['Work']?.[0]?.attemptDetails ?? [];
  }

  it('runs every scenario to its end, each as AWS would end it, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(report.scenarios.map((scenario) => [scenario.name, scenario.verdict])).toEqual([
      ['busy loop', 'passed'],
      ['never settles', 'passed'],
      ['waits in real time', 'passed'],
      ['circular result', 'passed'],
      ['fine', 'passed'],
    ]);
  });

  it.each([
    ['busy loop', 2],
    ['never settles', 2],
    ['waits in real time', 1],
  ])('%s: each attempt fails with Sandbox.Timedout at the function timeout, then Retry and Catch handle it', (name, timeoutSeconds) => {
    const attempts = attemptsOf(name);
    expect(attempts.map((attempt) => attempt.error)).toEqual(['Sandbox.Timedout', 'Sandbox.Timedout']);
    for (const attempt of attempts) {
      expect(Date.parse(attempt.endedAt) - Date.parse(attempt.scheduledAt)).toBe(timeoutSeconds * 1000);
      expect(JSON.parse(attempt.cause ?? '{}')).toMatchObject({
        errorMessage: expect.stringMatching(new RegExp(`Task timed out after ${timeoutSeconds}\\.00 seconds$`)),
      });
    }
  });

  it('a circular result is a function error the Catch handles', () => {
    expect(attemptsOf('circular result').map((attempt) => attempt.error)).toEqual(['Runtime.JSONStringifyError']);
  });

  it('prints one line per failed attempt naming the error', () => {
    expect(run.stdout).toMatch(/^ {4}not injected by sfn-chaos: Work attempt 1 Sandbox\.Timedout \(LambdaFunctionFailed id 5\)$/m);
  });

  it('does not wait for handlers nothing can settle: they end at once in real time', () => {
    // busy loop: 2 × 2 s; waits in real time: 2 × 1 s; the one that never settles adds almost nothing.
    expect(run.realMs).toBeLessThan(12_000);
    expect(run.stdout).toMatch(/never settles {2}\(neverSettles, (\d+ ms|[0-1]\.\d+ s)\)/);
  });
});

describe('chaos run with a handler module whose top-level await never settles', () => {
  it('exits 2 with one line naming the file and what is wrong', async () => {
    const run = await chaos(['run', `${fixtures}/tla.yaml`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^chaos: test\/e2e\/fixtures\/misbehaving\/tla\.yaml:5:\d+: importing handler test\/e2e\/fixtures\/misbehaving\/tla\.mjs can never finish: its top-level await/,
      ),
    ]);
  });
});
