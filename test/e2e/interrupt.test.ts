import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('chaos run interrupted with Ctrl-C', () => {
  it('finishes the running scenario, skips the rest, writes the results and exits 130', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'sfn-chaos-interrupt-')), 'results.json');
    const child = spawn(
      process.execPath,
      [join(root, 'bin/chaos.js'), 'run', 'test/e2e/fixtures/slow/scenarios.yaml', '--reporter', 'json', '--out', out],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', CI: 'true' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    // Interrupt once the first scenario has finished: the second is then running.
    await new Promise<void>((resolveFirst) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/✓ first/.test(stdout)) resolveFirst();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/SIGINT received, finishing the current scenario and writing results/);
    const report = JSON.parse(await readFile(out, 'utf8')) as { scenarios: Array<{ name: string; verdict: string }> };
    expect(report.scenarios.map((scenario) => [scenario.name, scenario.verdict])).toEqual([
      ['first', 'passed'],
      ['second', 'passed'],
      ['third', 'skipped'],
      ['fourth', 'skipped'],
    ]);
  });
});
