import type { GetParameterCommand, GetParameterCommandOutput } from '@aws-sdk/client-ssm';

/**
 * The one SSM call the source makes; `SSMClient` from `@aws-sdk/client-ssm` fits. A leaf (it imports
 * nothing from the injector), so the `ssm.client` option and `SsmConfigSource` can both name it.
 *
 * @example
 * ```ts
 * const client: SsmGetParameterClient = new SSMClient({ region: 'eu-west-1' });
 * ```
 */
export interface SsmGetParameterClient {
  send(command: GetParameterCommand, options?: { abortSignal?: AbortSignal }): Promise<GetParameterCommandOutput>;
}
