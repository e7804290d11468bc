import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A setting and where it came from (`--region`, `AWS_DEFAULT_REGION`, `profile staging in ~/.aws/config`). */
export interface AwsSetting {
  value: string;
  source: string;
}

/** The Region, profile and (when the local files tell) account the AWS target would use. */
export interface AwsSettings {
  /** Absent when nothing names a Region; `problems` then says so. */
  region?: AwsSetting;
  /** The profile the SDK reads: `--profile`, else `AWS_PROFILE`, else `default`. */
  profile: AwsSetting & { named: boolean; found: boolean };
  /** Known without an AWS call only from the profile (`sso_account_id`, `aws_account_id`, `role_arn`). */
  account?: AwsSetting;
  /** What stops a real run, in the AWS CLI's words; empty when the settings are usable. */
  problems: string[];
}

/** What the user gave on the command line; everything else comes from the environment and the files. */
export interface AwsSettingsInput {
  region?: string;
  profile?: string;
}

type IniSections = Map<string, Map<string, string>>;

/**
 * Reads the AWS settings with the AWS CLI's precedence, from the local files only (no AWS call):
 * Region from `--region`, then `AWS_REGION`, then `AWS_DEFAULT_REGION` (which the JavaScript SDK itself
 * ignores), then the profile's `region`; profile from `--profile`, then `AWS_PROFILE`, then `default`.
 * A named profile found in neither `AWS_CONFIG_FILE` (~/.aws/config) nor `AWS_SHARED_CREDENTIALS_FILE`
 * (~/.aws/credentials) is a problem, as it is for the AWS CLI.
 *
 * @example
 * ```ts
 * const settings = readAwsSettings({ profile: 'staging' });
 * settings.region; // { value: 'eu-west-1', source: 'profile staging in /home/me/.aws/config' }
 * ```
 */
export function readAwsSettings(input: AwsSettingsInput = {}, env: NodeJS.ProcessEnv = process.env): AwsSettings {
  const configFile = nonEmpty(env['AWS_CONFIG_FILE']) ?? join(homedir(), '.aws', 'config');
  const credentialsFile = nonEmpty(env['AWS_SHARED_CREDENTIALS_FILE']) ?? join(homedir(), '.aws', 'credentials');
  const config = readIni(configFile);
  const credentials = readIni(credentialsFile);

  const flagProfile = nonEmpty(input.profile);
  const envProfile = nonEmpty(env['AWS_PROFILE']);
  const name = flagProfile ?? envProfile ?? 'default';
  const profileSource = flagProfile !== undefined ? '--profile' : envProfile !== undefined ? 'AWS_PROFILE' : 'the default profile';
  // ~/.aws/config writes `[profile NAME]`, except for `[default]`; ~/.aws/credentials writes `[NAME]`.
  const configSection = config.get(`profile ${name}`) ?? (name === 'default' ? config.get('default') : undefined);
  const credentialsSection = credentials.get(name);
  const found = configSection !== undefined || credentialsSection !== undefined;
  const named = flagProfile !== undefined || envProfile !== undefined;
  const problems: string[] = [];
  if (named && !found) {
    problems.push(
      `The config profile (${name}) could not be found (from ${profileSource}; looked in ${configFile} and ${credentialsFile})`,
    );
  }

  const region = firstSetting([
    [input.region, '--region'],
    [env['AWS_REGION'], 'AWS_REGION'],
    [env['AWS_DEFAULT_REGION'], 'AWS_DEFAULT_REGION'],
    [configSection?.get('region'), `profile ${name} in ${configFile}`],
  ]);
  if (region === undefined && problems.length === 0) {
    problems.push(
      `You must specify a region: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or set region in profile ${name} of ${configFile}`,
    );
  }

  const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(configSection?.get('role_arn') ?? '')?.[1];
  const account = firstSetting([
    [configSection?.get('sso_account_id'), `sso_account_id of profile ${name}`],
    [credentialsSection?.get('aws_account_id') ?? configSection?.get('aws_account_id'), `aws_account_id of profile ${name}`],
    [roleAccount, `role_arn of profile ${name}`],
  ]);

  return {
    ...(region === undefined ? {} : { region }),
    profile: { value: name, source: profileSource, named, found },
    ...(account === undefined ? {} : { account }),
    problems,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function firstSetting(candidates: ReadonlyArray<readonly [string | undefined, string]>): AwsSetting | undefined {
  for (const [value, source] of candidates) {
    const given = nonEmpty(value);
    if (given !== undefined) return { value: given, source };
  }
  return undefined;
}

/** The sections of an AWS INI file (`[name]`, `key = value`, `#`/`;` comments); a missing file has none. */
function readIni(file: string): IniSections {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Map();
  }
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').replace(/\s+/g, ' ');
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const separator = line.indexOf('=');
    // Indented lines continue a nested setting (s3 = …); only top-level keys matter here.
    if (current === undefined || separator <= 0 || /^\s/.test(rawLine)) continue;
    current.set(line.slice(0, separator).trim().toLowerCase(), line.slice(separator + 1).trim());
  }
  return sections;
}
