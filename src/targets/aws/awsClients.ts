import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';

/** The four clients the AWS target talks through. */
export interface AwsClients {
  sfn: SFNClient;
  lambda: LambdaClient;
  ssm: SSMClient;
  logs: CloudWatchLogsClient;
}

/** Where the clients connect; anything left out comes from the SDK's default chain (env, profile, IMDS). */
export interface AwsClientOptions {
  region?: string;
  /** A named profile from ~/.aws/config and ~/.aws/credentials. */
  profile?: string;
}

/**
 * Creates the clients with the SDK's default credential chain. The SDK's own retries are off
 * (`maxAttempts: 1`) because every call goes through `callAws`, which retries throttling, 5xx and
 * broken connections with one policy that also respects the run's abort signal.
 *
 * @example
 * ```ts
 * const clients = createAwsClients({ region: 'eu-west-1', profile: 'staging' });
 * ```
 */
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const config = {
    maxAttempts: 1,
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  };
  return { sfn: new SFNClient(config), lambda: new LambdaClient(config), ssm: new SSMClient(config), logs: new CloudWatchLogsClient(config) };
}

/** Closes the clients' connection pools so the process can exit. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.sfn.destroy();
  clients.lambda.destroy();
  clients.ssm.destroy();
  clients.logs.destroy();
}
