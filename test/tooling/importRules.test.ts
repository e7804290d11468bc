import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * `npm run check:imports` runs dependency-cruiser with .dependency-cruiser.cjs over src/. These tests run the
 * same rules over a small tree that breaks each of them once, so a rule that stopped matching (a renamed
 * folder, a wrong pattern) fails here instead of letting every import through.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = join(root, 'test/tooling/fixtures/layered');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function violationsIn(cwd: string): Promise<Array<[string, string, string]>> {
  const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [cli, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'];
  // The command exits non-zero when it finds violations; its JSON is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }),
  );
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v): [string, string, string] => [v.rule.name, v.from, v.to]).sort();
}

describe('import rules', () => {
  it('report a higher layer imported from a lower one, an injector import from outside its package, and a type-only cycle', async () => {
    expect(await violationsIn(fixture)).toEqual([
      ['injector-package', 'src/injectors/outside.ts', 'src/scenarios/loadScenario.ts'],
      ['layer-engine-injectors', 'src/engine/breach.ts', 'src/run/runAll.ts'],
      ['layer-engine-injectors', 'src/injectors/outside.ts', 'src/scenarios/loadScenario.ts'],
      ['no-circular', 'src/sources/left.ts', 'src/sources/right.ts'],
    ]);
  }, 60_000);
});
