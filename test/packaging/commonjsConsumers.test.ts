import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * A CommonJS TypeScript project requires every package entry (`sfn-chaos`, `sfn-chaos/aws`,
 * `sfn-chaos/injector`, `sfn-chaos/jest`) and the `sfn-chaos-injector` package, the way a user installs them:
 * node_modules links to this repository, so the `exports` conditions decide what loads. It must type-check
 * and then run. `npm test` builds dist/ before jest runs.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-cjs-consumer-'));
  await cp(join(root, 'test/packaging/fixtures/cjs-consumer'), dir, { recursive: true });
  await mkdir(join(dir, 'node_modules/@types'), { recursive: true });
  await symlink(root, join(dir, 'node_modules/sfn-chaos'), 'dir');
  await symlink(join(root, 'packages/injector'), join(dir, 'node_modules/sfn-chaos-injector'), 'dir');
  await symlink(join(root, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');
});

afterAll(async () => {
  // The links into this repository go first, so removing the copy can never reach the package itself.
  for (const link of ['sfn-chaos', 'sfn-chaos-injector', '@types/node']) await rm(join(dir, 'node_modules', link), { force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('a CommonJS consumer', () => {
  it('type-checks against the require conditions and runs every entry', async () => {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
    const { stdout } = await run(process.execPath, [join(dir, 'out/consumer.js'), join(root, 'scenarios.yaml')], {
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const lines = stdout.trim().split('\n');
    // Two injected faults (sfn-chaos/injector and sfn-chaos-injector) wrote their ledger lines first.
    expect(lines.filter((line) => line.includes('"fault-injected"'))).toHaveLength(2);
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ verdict: 'passed', attempts: 4, awsPlan: 'function', matchers: true });
  }, 60_000);
});
