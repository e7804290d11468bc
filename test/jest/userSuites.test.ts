import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/run/runScenario.js';

/**
 * Two small user projects (one ESM, one CommonJS) run their own jest against the built package, the way a
 * user installs it: node_modules/sfn-chaos points at this repository, so `exports` conditions decide which
 * build each suite loads. `npm test` builds dist/ before jest runs.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const jestBin = join(root, 'node_modules/jest/bin/jest.js');

interface JestJsonResult {
  numPassedTests: number;
  numFailedTests: number;
  testResults: Array<{ message: string; assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
}

const projects: string[] = [];
afterAll(async () => {
  // The link into this repository goes first, so removing the copy can never reach the package itself.
  for (const dir of projects) {
    await rm(join(dir, 'node_modules/sfn-chaos'), { force: true });
    await rm(join(dir, 'node_modules/@swc/jest'), { force: true });
    await rm(dir, { recursive: true, force: true });
  }
});

/** `linked`: packages of this repository's node_modules the user project has installed too (e.g. its jest transform). */
async function userProject(fixture: string, linked: string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sfn-chaos-${fixture}-`));
  projects.push(dir);
  await cp(join(root, 'test/jest/fixtures', fixture), dir, { recursive: true });
  await mkdir(join(dir, 'node_modules'));
  await symlink(root, join(dir, 'node_modules/sfn-chaos'), 'dir');
  for (const name of linked) {
    await mkdir(dirname(join(dir, 'node_modules', name)), { recursive: true });
    await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

function runJest(dir: string, nodeOptions: string, env: Record<string, string> = {}): Promise<JestJsonResult> {
  const out = join(dir, 'jest-results.json');
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [jestBin, '--rootDir', dir, '--json', '--outputFile', out, '--ci', '--colors=false'],
      { cwd: dir, env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions, FORCE_COLOR: '0' }, timeout: 120_000 },
      (error, _stdout, stderr) => {
        readFile(out, 'utf8')
          .then((text) => resolvePromise(JSON.parse(text) as JestJsonResult))
          .catch(() => reject(new Error(`jest in ${dir} wrote no results (${error?.message ?? 'no error'}):\n${stderr}`)));
      },
    );
  });
}

function byName(result: JestJsonResult): Map<string, { status: string; message: string }> {
  const tests = new Map<string, { status: string; message: string }>();
  for (const file of result.testResults) {
    for (const test of file.assertionResults) tests.set(test.fullName, { status: test.status, message: test.failureMessages.join('\n') });
  }
  return tests;
}

function test(tests: Map<string, { status: string; message: string }>, name: string): { status: string; message: string } {
  const found = tests.get(name);
  if (!found) throw new Error(`no test named ${JSON.stringify(name)}; saw ${[...tests.keys()].join(' | ')}`);
  return found;
}

describe('sfn-chaos/jest in an ESM user suite', () => {
  let tests: Map<string, { status: string; message: string }>;

  beforeAll(async () => {
    const dir = await userProject('esm-user');
    const failing = join(dir, 'failing-scenarios.yaml');
    await writeFile(
      failing,
      [
        'stateMachines:',
        '  asteroids:',
        `    template: ${JSON.stringify(join(root, 'examples/asteroids/template.yaml'))}`,
        '    resource: GetAsteroidsDataStepFunction',
        'scenarios:',
        '  - name: expects one retry too few',
        '    stateMachine: asteroids',
        '    faults: [{ function: downloadExoplanetsLambda, error: HTTPError }]',
        '    expect:',
        '      states:',
        '        Download Exoplanets: { attempts: 3 }',
        '',
      ].join('\n'),
    );
    const result = await runJest(dir, '--experimental-vm-modules', {
      EXAMPLE_SCENARIOS: join(root, 'scenarios.yaml'),
      FAILING_SCENARIOS: failing,
    });
    tests = byName(result);
  }, 120_000);

  it('passes with runScenario() and every matcher', () => {
    const passing = test(
      tests,
      'asteroids with HTTPError on every attempt retries 4 times with 10, 20, 40 s between, then ErrorState catches',
    );
    expect(passing.message).toBe('');
    expect(passing.status).toBe('passed');
  });

  it('fails a wrong backoff with expected against actual and the attempts timeline', () => {
    const failed = test(tests, 'asteroids with HTTPError on every attempt deliberately expects the wrong backoff');
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('expect(execution).toHaveBackoff(state, intervals)');
    expect(failed.message).toContain('states["Download Exoplanets"]: expected a wait of 30s (±0.001s) before attempt 4, saw 40s');
    expect(failed.message).toContain('Expected: 30');
    expect(failed.message).toContain('Received: 40');
    expect(failed.message).toContain('Download Exoplanets (visit 1): 4 attempts, caught → ErrorState');
    expect(failed.message).toMatch(/#4 t\+70s\s+HTTPError/);
  });

  it('turns a scenario file into one test per scenario with describeScenarios()', () => {
    expect(test(tests, 'scenarios.yaml HTTPError exhausts retries and lands in ErrorState').status).toBe('passed');
    expect(test(tests, 'scenarios.yaml HTTPError twice, then the download succeeds').status).toBe('passed');
    expect([...tests.keys()].some((name) => name.includes('A GeneralError is not retried'))).toBe(false);
    const failed = test(tests, 'failing-scenarios.yaml expects one retry too few');
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('ScenarioFailedError');
    expect(failed.message).toContain('states["Download Exoplanets"]: expected 3 attempts, saw 4');
    expect(failed.message).toMatch(/#4 t\+70s\s+HTTPError/);
  });
});

describe('sfn-chaos/jest in a CommonJS user suite', () => {
  let tests: Map<string, { status: string; message: string }>;
  let withEsm: Map<string, { status: string; message: string }>;

  beforeAll(async () => {
    const dir = await userProject('cjs-user', ['@swc/jest']);
    await cp(join(root, 'test/fixtures/aws-recorded/retry-legacy-lambda-defaults-then-catch/history.json'), join(dir, 'aws-history.json'));
    const asteroids = await runScenario({
      file: join(root, 'scenarios.yaml'),
      scenario: 'HTTPError exhausts retries and lands in ErrorState',
    });
    // JSON turns the Date timestamps into ISO strings, as a saved GetExecutionHistory response has them.
    await writeFile(join(dir, 'asteroids-history.json'), JSON.stringify({ events: asteroids.history }));
    const env = { EXAMPLE_SCENARIOS: join(root, 'scenarios.yaml') };
    // No --experimental-vm-modules: the matchers must not need it.
    tests = byName(await runJest(dir, '', env));
    // Running scenarios loads the engine, an ES module: with the flag, the same CommonJS suite runs them.
    withEsm = byName(await runJest(dir, '--experimental-vm-modules', env));
  }, 180_000);

  it('runs scenarios with runScenario() and describeScenarios() when jest may load ES modules', () => {
    for (const name of [
      'runScenario() from a CommonJS suite runs asteroids with HTTPError on every attempt',
      'runScenario() from a CommonJS suite exports the ScenarioFailedError class',
      'scenarios.yaml HTTPError twice, then the download succeeds',
    ]) {
      expect(test(withEsm, name)).toEqual({ status: 'passed', message: '' });
    }
    expect(test(withEsm, 'a saved asteroids history has the 10, 20, 40 s backoff').status).toBe('passed');
  });

  it('says what to configure when jest may not load ES modules', () => {
    for (const name of [
      'runScenario() from a CommonJS suite runs asteroids with HTTPError on every attempt',
      'scenarios.yaml HTTPError twice, then the download succeeds',
    ]) {
      const failed = test(tests, name);
      expect(failed.status).toBe('failed');
      expect(failed.message).toContain(
        'this CommonJS jest run cannot load ES modules: run jest with NODE_OPTIONS=--experimental-vm-modules',
      );
    }
  });

  it('loads the CommonJS build and passes on a recorded AWS history and a saved one', () => {
    const aws = test(tests, 'a history recorded on AWS shows 4 attempts of a Retry with MaxAttempts 3, then the catcher');
    expect(aws.message).toBe('');
    expect(aws.status).toBe('passed');
    expect(test(tests, 'a saved asteroids history has the 10, 20, 40 s backoff').status).toBe('passed');
  });

  it('fails a wrong attempt count with expected against actual and the attempts timeline', () => {
    const failed = test(tests, 'a saved asteroids history deliberately expects 3 attempts');
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('expect(execution).toHaveAttempts(state, attempts)');
    expect(failed.message).toContain('states["Download Exoplanets"]: expected 3 attempts, saw 4 (LambdaFunctionScheduled ids');
    expect(failed.message).toContain('Expected: 3');
    expect(failed.message).toContain('Received: 4');
    expect(failed.message).toMatch(/#2 t\+10s\s+HTTPError/);
  });
});
