import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runChaos } from '../plan/chaosCli.js';
import { packageRoot } from '../scenarios/publishedSchemas.js';
import { asteroidsExploreFile } from './exploreFixture.js';
import { EXECUTIONS_PER_THREAD } from '../../src/explore/runExploration.js';

/** The built `chaos` (dist/): worker threads run the compiled worker module. */
describe('chaos explore and chaos merge-reports (built CLI)', () => {
  it('gives the same matrix on two worker threads as on one', async () => {
    const { file, dir } = asteroidsExploreFile();
    const one = await runChaos(
      ['explore', file, '--depth', '2', '--monte-carlo', '40', '--workers', '1', '--reporter', 'json', '--out', 'one.json'],
      dir,
    );
    const two = await runChaos(
      ['explore', file, '--depth', '2', '--monte-carlo', '40', '--workers', '2', '--reporter', 'json', '--out', 'two.json'],
      dir,
    );
    expect([one.code, one.stderr, two.code, two.stderr]).toEqual([0, '', 0, '']);
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    const [a, b] = [read('one.json'), read('two.json')];
    expect([a['workers'], b['workers']]).toEqual([1, 2]);
    expect(b['rows']).toEqual(a['rows']);
    expect(b['monteCarlo']).toEqual(a['monteCarlo']);
    expect(b['summary']).toEqual(a['summary']);
    expect(b['unexercisedRules']).toEqual(a['unexercisedRules']);
    expect(b['coverage']).toEqual(a['coverage']);
    expect((a['rows'] as unknown[]).length).toBe(48);
    expect(one.stdout).toMatch(
      /did not recover:\n {2}asteroids: Download Benner: UnnamedError on every attempt {2}→ {2}FAILED, UnnamedError/,
    );
    expect(one.stdout).toMatch(/worst-case time to recover: 1 min 40 s/);
    expect(one.stdout).toMatch(/Monte Carlo: HTTPError on a third of the attempts \(asteroids\), 40 runs/);
    // Not a terminal: no progress bar.
    expect(one.stdout).not.toContain('█');
  }, 120_000);

  it('merges the JSON reports of chaos run --shard 1/2 and 2/2 into one JSON, JUnit and HTML report of every scenario', async () => {
    const { dir } = asteroidsExploreFile();
    const scenarios = join(packageRoot, 'scenarios.yaml');
    const shards = [];
    for (const index of [1, 2]) {
      shards.push(
        await runChaos(
          ['run', scenarios, '--shard', `${index}/2`, '--reporter', 'json', '--out', join(dir, `shard-${index}.json`)],
          packageRoot,
        ),
      );
    }
    expect(shards.map((shard) => [shard.code, shard.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const merged = await runChaos(
      ['merge-reports', 'shard-1.json', 'shard-2.json', '--reporter', 'json,junit,html', '--out', 'merged'],
      dir,
    );
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    const names = (path: string) =>
      (JSON.parse(readFileSync(join(dir, path), 'utf8')) as { scenarios: { name: string }[] }).scenarios.map((scenario) => scenario.name);
    const [first, second] = [names('shard-1.json'), names('shard-2.json')];
    expect(first.filter((name) => second.includes(name))).toEqual([]);
    const all = names('merged/chaos-results.json');
    expect([...all].sort()).toEqual([...first, ...second].sort());
    expect(all.length).toBeGreaterThan(10);
    expect(readFileSync(join(dir, 'merged/chaos-results.xml'), 'utf8').match(/<testcase /g)).toHaveLength(all.length);
    expect(readFileSync(join(dir, 'merged/chaos-results.html'), 'utf8')).toContain('HTTPError twice, then the download succeeds');
  }, 120_000);

  it('merges explore shards into the matrix of the whole exploration', async () => {
    const { file, dir } = asteroidsExploreFile();
    for (const index of [1, 2])
      await runChaos(
        ['explore', file, '--workers', '1', '--shard', `${index}/2`, '--reporter', 'json', '--out', `part-${index}.json`],
        dir,
      );
    await runChaos(['explore', file, '--workers', '1', '--reporter', 'json', '--out', 'whole.json'], dir);
    const merged = await runChaos(['merge-reports', 'part-1.json', 'part-2.json', '--reporter', 'json,html', '--out', 'merged'], dir);
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    expect(read('merged/chaos-explore.json')['rows']).toEqual(read('whole.json')['rows']);
    expect(readFileSync(join(dir, 'merged/chaos-explore.html'), 'utf8')).toContain('<table class="matrix">');
  }, 120_000);

  it('without --workers, runs one thread per 50,000 in-process executions begun, up to the cores', async () => {
    const { file, dir } = asteroidsExploreFile();
    const few = await runChaos(
      ['explore', file, '--monte-carlo', '20000', '--handlers', 'in-process', '--reporter', 'json', '--out', 'few.json'],
      dir,
    );
    const many = await runChaos(
      [
        'explore',
        file,
        '--monte-carlo',
        String(EXECUTIONS_PER_THREAD['in-process'] + 1),
        '--handlers',
        'in-process',
        '--reporter',
        'json',
        '--out',
        'many.json',
      ],
      dir,
    );
    expect([few.code, few.stderr, many.code, many.stderr]).toEqual([0, '', 0, '']);
    const workersOf = (name: string) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { workers: number }).workers;
    expect(workersOf('few.json')).toBe(1);
    expect(workersOf('many.json')).toBe(Math.min(2, availableParallelism()));
  }, 120_000);

  it('runs its worker threads from code given with node --input-type=module -e', async () => {
    const { file, dir } = asteroidsExploreFile();
    const code = [
      `import { runExploration } from ${JSON.stringify(pathToFileURL(join(packageRoot, 'dist/explore/runExploration.js')).href)};`,
      `const { report } = await runExploration({ file: ${JSON.stringify(file)}, workers: 2, monteCarlo: 20 });`,
      'console.log(report.workers, report.executions);',
    ].join('\n');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: dir });
    expect(stderr).toBe('');
    expect(stdout.trim()).toMatch(/^2 \d+$/);
  }, 60_000);
});
