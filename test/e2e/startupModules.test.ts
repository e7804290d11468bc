import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asteroidsExploreFile } from '../explore/exploreFixture.js';
import { packageRoot } from '../scenarios/publishedSchemas.js';
import { type LoadedModulesRun, modulesOf, nodeLoadedModules } from '../support/loadedModules.js';

/**
 * What the built `chaos` command line (and `sfn-chaos/jest`) load at start: only the code the command needs.
 * The local target never loads the AWS SDK; the scenario file and the ASL definitions are checked by the
 * validators the build compiled, without Ajv's compiler; jsonata, junit-report-builder and the engine load
 * only when used. `npm run build` first.
 */
const ajvCompiler = (run: LoadedModulesRun): string[] => modulesOf(run, 'ajv').filter((path) => !path.includes('/ajv/dist/runtime/'));

describe('modules loaded at start', () => {
  it('chaos run on the local target loads no AWS SDK, no Ajv compiler, no jsonata and no JUnit builder', async () => {
    const run = await nodeLoadedModules(['bin/chaos.js', 'run', 'scenarios.yaml', '--scenario', 'A GeneralError is not retried']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(modulesOf(run, 'yaml').length).toBeGreaterThan(0); // the recorder sees the packages that do load
    expect(modulesOf(run, '@aws-sdk')).toEqual([]);
    expect(modulesOf(run, '@smithy')).toEqual([]);
    expect(ajvCompiler(run)).toEqual([]);
    expect(modulesOf(run, 'jsonata')).toEqual([]);
    expect(modulesOf(run, 'junit-report-builder')).toEqual([]);
  });

  it('chaos --version loads neither the commands nor the engine', async () => {
    const run = await nodeLoadedModules(['bin/chaos.js', '--version']);
    expect(run.code).toBe(0);
    expect(run.modules.filter((path) => /\/dist\/(engine|scenarios|targets|cli\/commands)\//.test(path))).toEqual([]);
  });

  it("import 'sfn-chaos/jest' loads the matchers, not the engine, the scenario loader or the local target", async () => {
    const run = await nodeLoadedModules(['--input-type=module', '-e', "await import('sfn-chaos/jest')"]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.modules.some((path) => path.endsWith('/dist/jest/matchers.js'))).toBe(true);
    expect(run.modules.filter((path) => /\/dist\/(engine|scenarios|targets|run)\//.test(path))).toEqual([]);
  });

  // Node's ES module loader costs far more per module than the code: the library's entries were 227 modules for
  // `sfn-chaos` (130-150 ms to import), 40 for `sfn-chaos/jest`. Now each is one file and the chunks it shares.
  it("import 'sfn-chaos', 'sfn-chaos/jest' and 'sfn-chaos/aws' load the bundle of dist/bundle/, not the compiled modules one by one", async () => {
    const script = "await import('sfn-chaos'); await import('sfn-chaos/jest'); await import('sfn-chaos/aws');";
    const run = await nodeLoadedModules(['--input-type=module', '-e', script], {}, { asLoaded: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dist = join(packageRoot, 'dist/');
    for (const entry of ['index.js', 'jest.js', 'aws.js']) expect(run.modules).toContain(join(dist, 'bundle', entry));
    const outsideBundle = run.modules.filter((path) => path.startsWith(dist) && !path.startsWith(join(dist, 'bundle/')));
    expect(outsideBundle.filter((path) => !/^(injectors\/index\.js|errors\.js|.*\.generated\.cjs)$/.test(path.slice(dist.length)))).toEqual(
      [],
    );
  });

  it("require('sfn-chaos/jest') runs its first scenario with the bundled scenario runner, not the compiled modules one by one", async () => {
    const script =
      "require('sfn-chaos/jest').runScenario({ file: 'scenarios.yaml', scenario: 'A GeneralError is not retried and goes straight to ErrorState' }).then((result) => console.log(result.verdict));";
    const run = await nodeLoadedModules(['-e', script], {}, { asLoaded: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('passed');
    const dist = join(packageRoot, 'dist/');
    expect(run.modules).toContain(join(dist, 'bundle/scenarioRunner.js'));
    const outsideBundle = run.modules.filter(
      (path) => path.startsWith(dist) && !path.startsWith(join(dist, 'bundle/')) && !path.startsWith(join(dist, 'cjs/')),
    );
    expect(outsideBundle.filter((path) => !/^(injectors\/index\.js|errors\.js|.*\.generated\.cjs)$/.test(path.slice(dist.length)))).toEqual(
      [],
    );
  }, 60_000);

  // One build for every entry: a module is in one chunk only, so a program that imports several entries (and the
  // command line's own threads) has one instance of each class, symbol and registry.
  it('puts each compiled module into one chunk of dist/bundle/ only', async () => {
    const inputsOf = JSON.parse(await readFile(join(packageRoot, 'dist/bundle/inputs.json'), 'utf8')) as Record<string, string[]>;
    const chunksOf = new Map<string, string[]>();
    for (const [chunk, inputs] of Object.entries(inputsOf))
      for (const input of inputs) chunksOf.set(input, [...(chunksOf.get(input) ?? []), chunk]);
    expect([...chunksOf].filter(([, chunks]) => chunks.length > 1)).toEqual([]);
    for (const entry of ['dist/index.js', 'dist/jest/index.js', 'dist/targets/aws/index.js', 'dist/cli/main.js'])
      expect(chunksOf.has(entry)).toBe(true);
  });

  it("chaos explore's worker threads load the bundle of dist/bundle/, not the compiled modules one by one", async () => {
    const { file } = asteroidsExploreFile();
    const run = await nodeLoadedModules(['bin/chaos.js', 'explore', file, '--monte-carlo', '4', '--workers', '3'], {}, { asLoaded: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // Three lanes: this thread and two worker threads.
    expect(run.modules.filter((path) => path.endsWith('/dist/bundle/exploreWorker.js'))).toHaveLength(2);
    // From dist/ outside the bundle: only what the bundle keeps apart (the injector, the shared errors, the
    // validators compiled at build time).
    const dist = join(packageRoot, 'dist/');
    const outsideBundle = run.modules.filter((path) => path.startsWith(dist) && !path.startsWith(join(dist, 'bundle/')));
    expect(outsideBundle).toContain(join(dist, 'injectors/index.js'));
    expect(outsideBundle.filter((path) => !/^(injectors\/index\.js|errors\.js|.*\.generated\.cjs)$/.test(path.slice(dist.length)))).toEqual(
      [],
    );
  }, 60_000);
});
