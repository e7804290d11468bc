import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { ExitCode, InvalidInputError } from '../../../src/errors.js';
import { createAwsClients, destroyAwsClients } from '../../../src/targets/aws/clients/awsClients.js';
import { readAwsSettings } from '../../../src/targets/aws/awsSettings.js';

/** A fresh HOME-like folder with the given ~/.aws/config and ~/.aws/credentials texts. */
function awsFiles(config: string, credentials = ''): { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-settings-'));
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
}

const CONFIG = `[default]
region = us-west-2

[profile staging]
region = eu-west-3
role_arn = arn:aws:iam::222222222222:role/chaos
source_profile = default

# a comment
[profile sso]
sso_account_id = 333333333333
s3 =
  max_concurrent_requests = 4
`;

describe('Function: readAwsSettings', () => {
  const files = awsFiles(CONFIG, '[keys-only]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');

  it.each([
    [
      '--region beats everything',
      { region: 'ap-south-1' },
      { AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'sa-east-1' },
      'ap-south-1',
      '--region',
    ],
    ['AWS_REGION beats AWS_DEFAULT_REGION', {}, { AWS_REGION: 'eu-north-1', AWS_DEFAULT_REGION: 'sa-east-1' }, 'eu-north-1', 'AWS_REGION'],
    ['AWS_DEFAULT_REGION beats the profile', {}, { AWS_DEFAULT_REGION: 'sa-east-1' }, 'sa-east-1', 'AWS_DEFAULT_REGION'],
    ['the default profile region comes last', {}, {}, 'us-west-2', `profile default in ${files.AWS_CONFIG_FILE}`],
    [
      '--profile picks its [profile NAME] section',
      { profile: 'staging' },
      { AWS_PROFILE: 'sso' },
      'eu-west-3',
      `profile staging in ${files.AWS_CONFIG_FILE}`,
    ],
    ['AWS_PROFILE picks its section', {}, { AWS_PROFILE: 'staging' }, 'eu-west-3', `profile staging in ${files.AWS_CONFIG_FILE}`],
  ])('%s', (_label, input, env, region, source) => {
    const settings = readAwsSettings(input, { ...files, ...env });
    expect(settings.region).toEqual({ value: region, source });
    expect(settings.problems).toEqual([]);
  });

  it('names the profile and where it came from', () => {
    expect(readAwsSettings({ profile: 'staging' }, { ...files, AWS_PROFILE: 'sso' }).profile).toEqual({
      value: 'staging',
      source: '--profile',
      named: true,
      found: true,
    });
    expect(readAwsSettings({}, { ...files, AWS_PROFILE: 'sso' }).profile).toEqual({
      value: 'sso',
      source: 'AWS_PROFILE',
      named: true,
      found: true,
    });
    expect(readAwsSettings({}, files).profile).toEqual({ value: 'default', source: 'the default profile', named: false, found: true });
    // A profile that only the credentials file has is found too.
    expect(readAwsSettings({ profile: 'keys-only', region: 'us-east-1' }, files).problems).toEqual([]);
  });

  it("reports a named profile found in neither file in the AWS CLI's words", () => {
    const settings = readAwsSettings({ profile: 'nope' }, files);
    expect(settings.problems).toEqual([
      `The config profile (nope) could not be found (from --profile; looked in ${files.AWS_CONFIG_FILE} and ${files.AWS_SHARED_CREDENTIALS_FILE})`,
    ]);
    expect(readAwsSettings({ region: 'eu-west-1' }, { ...files, AWS_PROFILE: 'nope' }).problems[0]).toMatch(
      /^The config profile \(nope\) could not be found \(from AWS_PROFILE;/,
    );
  });

  it('says a region is missing only when nothing gives one', () => {
    const empty = awsFiles('');
    expect(readAwsSettings({}, empty).problems).toEqual([
      `You must specify a region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in profile default of ${empty.AWS_CONFIG_FILE}`,
    ]);
  });

  it('knows the account only where the profile says it', () => {
    expect(readAwsSettings({ profile: 'staging' }, files).account).toEqual({
      value: '222222222222',
      source: 'role_arn of profile staging',
    });
    expect(readAwsSettings({ profile: 'sso', region: 'us-east-1' }, files).account).toEqual({
      value: '333333333333',
      source: 'sso_account_id of profile sso',
    });
    expect(readAwsSettings({}, files).account).toBeUndefined();
  });
});

describe('Function: createAwsClients', () => {
  const files = awsFiles(
    `${CONFIG}\n[profile keys]\nregion = eu-west-3\n`,
    '[keys]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = secret\n',
  );
  let saved: NodeJS.ProcessEnv;

  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
  });
  beforeEach(() => {
    saved = { ...process.env };
    for (const name of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_PROFILE',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_ENDPOINT_URL',
    ])
      delete process.env[name];
    Object.assign(process.env, files, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
  afterAll(() => nock.restore());

  it('refuses a --profile that does not exist, instead of "Region is missing" at the first call', () => {
    let thrown: unknown;
    try {
      createAwsClients({ profile: 'nope' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).exitCode).toBe(ExitCode.InvalidInput);
    expect((thrown as InvalidInputError).message).toMatch(/^The config profile \(nope\) could not be found/);
  });

  it('uses AWS_DEFAULT_REGION, which the SDK alone ignores', async () => {
    process.env['AWS_DEFAULT_REGION'] = 'ap-south-1';
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDENV';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
    const scope = nock('https://states.ap-south-1.amazonaws.com').post('/').reply(200, { stateMachines: [] });
    const clients = createAwsClients({}, process.env);
    try {
      await clients.sfn.send(new ListStateMachinesCommand({}));
    } finally {
      destroyAwsClients(clients);
    }
    expect(scope.isDone()).toBe(true);
  });

  it('calls the Region and signs with the keys of the profile --profile names', async () => {
    // Signed with the profile's keys for the profile's Region, or nock does not answer.
    const scope = nock('https://states.eu-west-3.amazonaws.com')
      .matchHeader('authorization', /Credential=AKIDKEYS\/\d{8}\/eu-west-3\/states\//)
      .post('/')
      .reply(200, { stateMachines: [] });
    const clients = createAwsClients({ profile: 'keys' }, process.env);
    try {
      await clients.sfn.send(new ListStateMachinesCommand({}));
    } finally {
      destroyAwsClients(clients);
    }
    expect(scope.isDone()).toBe(true);
  });
});
