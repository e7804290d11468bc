import { describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { root, runChaos } from './runChaos.js';

/** Exit 2, one line on stderr, and nothing on stdout: the command stopped before any scenario ran. */
function expectRefusedBeforeRunning(run: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(2);
}

describe('chaos run with a bad numeric flag', () => {
  it.each([
    [['--concurrency', 'abc'], /^chaos: --concurrency must be an integer >= 1 \(scenarios at a time\), got "abc"/],
    [['--concurrency', '0'], /--concurrency must be an integer >= 1.*got "0"/],
    [['--concurrency', '-1'], /--concurrency must be an integer >= 1.*got "-1"/],
    [['--concurrency', '1.5'], /--concurrency must be an integer >= 1.*got "1.5"/],
    [['--timeout', 'abc'], /^chaos: --timeout must be a number > 0 \(seconds\), got "abc"/],
    [['--tolerance', 'abc'], /^chaos: --tolerance must be a number >= 0 \(seconds\), got "abc"/],
    [['--tolerance', '-1'], /--tolerance must be a number >= 0.*got "-1"/],
  ])('%j exits 2 with one line, before any scenario runs', async (flag, message) => {
    expectRefusedBeforeRunning(await runChaos(['run', 'scenarios.yaml', ...flag]), message);
  });

  it('a good value still runs: --concurrency 3 --tolerance 0.5', async () => {
    const run = await runChaos(['run', 'scenarios.yaml', '--concurrency', '3', '--tolerance', '0.5', '--scenario', 'HTTPError']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('chaos run with an --out that cannot be written', () => {
  it('a directory is refused before running, with the path as given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-out-'));
    const given = relative(root, dir);
    expectRefusedBeforeRunning(
      await runChaos(['run', 'scenarios.yaml', '--reporter', 'json', '--out', given]),
      new RegExp(`^chaos: cannot write the json report to ${given.replace(/[.]/g, '\\.')}: it is a directory; choose another --out\n$`),
    );
  });

  it('a path under a file is refused before running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-out-'));
    await writeFile(join(dir, 'results'), 'a file\n');
    expectRefusedBeforeRunning(
      await runChaos(['run', 'scenarios.yaml', '--reporter', 'junit,html', '--out', join(dir, 'results', 'nightly')]),
      /cannot write the junit report to .*results\/nightly\.xml: .*results is a file, not a directory/,
    );
  });

  it('a place nobody may write to is refused before running', async () => {
    // sysfs refuses new files even to root, for whom permission bits do not count.
    expectRefusedBeforeRunning(
      await runChaos(['run', 'scenarios.yaml', '--reporter', 'json', '--out', '/sys/sfn-chaos-results.json']),
      /^chaos: cannot write the json report to \/sys\/sfn-chaos-results\.json: not writable/,
    );
  });

  it('a writable --out in a directory still to be created works and leaves only the report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-out-'));
    const run = await runChaos([
      'run',
      'scenarios.yaml',
      '--scenario',
      'GeneralError',
      '--reporter',
      'json',
      '--out',
      join(dir, 'new', 'results.json'),
    ]);
    expect(run.code).toBe(0);
    expect(await readdir(join(dir, 'new'))).toEqual(['results.json']);
  });
});

describe('chaos output', () => {
  it('chaos --help lists the exit codes', async () => {
    const run = await runChaos(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Exit codes:\n {2}0 +every scenario passed.*\n {2}1 +an expectation failed.*\n {2}2 +invalid input.*\n {2}3 +the target failed.*\n {2}130 +interrupted/,
    );
  });

  it('counts in the singular for one scenario', async () => {
    const run = await runChaos(['run', 'scenarios.yaml', '--scenario', 'GeneralError']);
    expect(run.stdout).toMatch(/^1 scenario on the local target: /m);
  });

  it('does not print the AWS SDK Node version warning, without the opt-out variable set by the caller', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sfn-chaos-home-'));
    const run = await runChaos(
      [
        'run',
        'scenarios.yaml',
        '--scenario',
        'GeneralError',
        '--target',
        'aws',
        '--allow-account',
        '111111111111',
        '--region',
        'eu-west-1',
      ],
      {
        env: {
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          AWS_SESSION_TOKEN: undefined,
          AWS_PROFILE: undefined,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        },
      },
    );
    // The run fails (no credentials), but the SDK was loaded and its clients were created.
    expect(run.code).not.toBe(0);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|will require node/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('chaos run --target aws: Region and profile as the AWS CLI reads them', () => {
  /** An environment with only the given AWS settings, in a fresh HOME. */
  async function awsEnv(config: string, extra: Record<string, string> = {}): Promise<Record<string, string | undefined>> {
    const home = await mkdtemp(join(tmpdir(), 'sfn-chaos-home-'));
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), config);
    const cleared = [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_CONFIG_FILE',
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ];
    return { ...Object.fromEntries(cleared.map((name) => [name, undefined])), HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
  }
  const dryRun = ['run', 'scenarios.yaml', '--target', 'aws', '--allow-account', '111111111111', '--scenario', 'GeneralError', '--dry-run'];

  it('--dry-run shows the Region (AWS_DEFAULT_REGION counts), the profile and that the account is not checked', async () => {
    const run = await runChaos(dryRun, { env: await awsEnv('[default]\nregion = us-west-2\n', { AWS_DEFAULT_REGION: 'ap-south-1' }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^region {2}ap-south-1 \(from AWS_DEFAULT_REGION\)\nprofile default \(the default profile\)\naccount not checked in a dry run/,
    );
    expect(run.stdout).toMatch(/^dry run: 1 scenario; no AWS call was made$/m);
  });

  it('--dry-run tells the account a profile names and the Region it sets', async () => {
    const run = await runChaos([...dryRun, '--profile', 'staging'], {
      env: await awsEnv('[profile staging]\nregion = eu-west-3\nrole_arn = arn:aws:iam::111111111111:role/chaos\n'),
    });
    expect(run.stdout).toMatch(
      /^region {2}eu-west-3 \(from profile staging in .*config\)\nprofile staging \(from --profile\)\naccount 111111111111 \(from the role_arn of profile staging; in the allow-list/m,
    );
  });

  it("a --profile that does not exist is exit 2 in the AWS CLI's words, before anything runs", async () => {
    const run = await runChaos(['run', 'scenarios.yaml', '--target', 'aws', '--allow-account', '111111111111', '--profile', 'nope'], {
      env: await awsEnv('[default]\nregion = us-west-2\n'),
    });
    expectRefusedBeforeRunning(
      run,
      /^chaos: The config profile \(nope\) could not be found \(from --profile; looked in .*\.aws\/config and .*\.aws\/credentials\)\n$/,
    );
  });

  it('no Region anywhere is exit 2 saying where one can be given', async () => {
    const run = await runChaos(['run', 'scenarios.yaml', '--target', 'aws', '--allow-account', '111111111111'], { env: await awsEnv('') });
    expectRefusedBeforeRunning(run, /^chaos: You must specify a region: give --region, set AWS_REGION or AWS_DEFAULT_REGION/);
  });
});
