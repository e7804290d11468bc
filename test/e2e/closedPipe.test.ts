import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('chaos run whose reader stops early (chaos run … | head -1)', () => {
  it('finishes the run and writes its report, with no stack trace', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'sfn-chaos-pipe-')), 'results.json');
    const child = spawn(process.execPath, [join(root, 'bin/chaos.js'), 'run', 'scenarios.yaml', '--reporter', 'json', '--out', out], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', CI: 'true' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first line, then close the pipe as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8')) as { scenarios: unknown[] };
    expect(report.scenarios.length).toBeGreaterThan(1);
  }, 60_000);
});
