import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: `bin/chaos.js` (which runs the built `dist/`) lives there. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChaosRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `chaos` command with `args` (no shell) in `cwd`, default the package root. */
export function runChaos(args: readonly string[], cwd: string = packageRoot): Promise<ChaosRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(packageRoot, 'bin/chaos.js'), ...args],
      { cwd, env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}
