import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { InvalidInputError } from '../../../errors.js';
import { readAwsSettings } from '../awsSettings.js';

/** The four clients the AWS target talks through. */
export interface AwsClients {
  sfn: SFNClient;
  lambda: LambdaClient;
  ssm: SSMClient;
  logs: CloudWatchLogsClient;
}

/** Where the clients connect; anything left out comes from the environment and the profile (`readAwsSettings`). */
export interface AwsClientOptions {
  region?: string;
  /** A named profile from ~/.aws/config and ~/.aws/credentials. */
  profile?: string;
}

/**
 * Creates the clients with the SDK's default credential chain. Region and profile are read first with
 * the AWS CLI's precedence (`readAwsSettings`: `AWS_DEFAULT_REGION` counts, a named profile must exist),
 * so a bad setup is one clear InvalidInputError here instead of "Region is missing" at the first call.
 * The SDK's own retries are off (`maxAttempts: 1`) because every call goes through `callAws`, which
 * retries throttling, 5xx and broken connections with one policy that also respects the run's abort signal.
 *
 * @example
 * ```ts
 * const clients = createAwsClients({ region: 'eu-west-1', profile: 'staging' });
 * ```
 */
export function createAwsClients(options: AwsClientOptions = {}, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const settings = readAwsSettings(options, env);
  const [problem] = settings.problems;
  if (problem !== undefined || settings.region === undefined) throw new InvalidInputError(problem ?? 'You must specify a region');
  const config = {
    maxAttempts: 1,
    region: settings.region.value,
    // Only a profile the user named: an explicit profile turns off the SDK's environment credentials.
    ...(settings.profile.named ? { profile: settings.profile.value } : {}),
  };
  // StartSyncExecution goes to the `sync-` host of the Step Functions endpoint. With an endpoint of the
  // user's own (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SFN) that prefix would name a host that does not exist
  // (`sync-127.0.0.1`), so it is left off there: such endpoints serve every operation on one host.
  const sfn = new SFNClient(customEndpointFor('SFN', env) ? { ...config, disableHostPrefix: true } : config);
  return { sfn, lambda: new LambdaClient(config), ssm: new SSMClient(config), logs: new CloudWatchLogsClient(config) };
}

/**
 * Whether the SDK will send a service's calls to an endpoint the user configured through the environment:
 * `AWS_ENDPOINT_URL_<SERVICE ID>` or `AWS_ENDPOINT_URL`, unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true
 * (the SDKs' "service-specific endpoints" settings).
 */
function customEndpointFor(serviceId: string, env: NodeJS.ProcessEnv): boolean {
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true') return false;
  return Boolean(env[`AWS_ENDPOINT_URL_${serviceId}`] || env['AWS_ENDPOINT_URL']);
}

/** Closes the clients' connection pools so the process can exit. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.sfn.destroy();
  clients.lambda.destroy();
  clients.ssm.destroy();
  clients.logs.destroy();
}
