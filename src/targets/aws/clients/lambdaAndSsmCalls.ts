import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration, type UpdateFunctionConfigurationCommandInput } from '@aws-sdk/client-lambda';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, type GetParameterCommandOutput, type ParameterType } from '@aws-sdk/client-ssm';
import type { AwsCallContext } from './AwsCallContext.js';
import { callAws } from './callAws.js';

/*
 * The Lambda and SSM calls that resolve and arm functions, each sent through callAws: the one place they
 * are sent. Errors are AWS's own; callers word them.
 */

/** What a Lambda or SSM call needs: the clients and how calls are retried. */
export type LambdaAndSsmContext = Pick<AwsCallContext, 'clients' | 'retry'>;

/** GetFunctionConfiguration, read-only; `signal` aborts it (resolving before a run). */
export function getFunctionConfiguration(context: LambdaAndSsmContext, functionName: string, signal?: AbortSignal): Promise<FunctionConfiguration> {
  return callAws(() => context.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }), signal ? { abortSignal: signal } : {}), context.retry, signal);
}

/** GetFunctionConfiguration while arming or disarming: never aborted, since undoing must finish. */
export function rereadFunctionConfiguration(context: LambdaAndSsmContext, functionArn: string): Promise<FunctionConfiguration> {
  return callAws(() => context.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn })), context.retry);
}

/** UpdateFunctionConfiguration, its input built for each attempt; the answer is the configuration it wrote. */
export function updateFunctionConfiguration(context: LambdaAndSsmContext, input: () => UpdateFunctionConfigurationCommandInput): Promise<FunctionConfiguration> {
  return callAws(() => context.clients.lambda.send(new UpdateFunctionConfigurationCommand(input())), context.retry);
}

/** GetParameter, decrypted. */
export function getParameter(context: LambdaAndSsmContext, name: string): Promise<GetParameterCommandOutput> {
  return callAws(() => context.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })), context.retry);
}

/** PutParameter, overwriting. */
export async function putParameter(context: LambdaAndSsmContext, name: string, value: string, type: ParameterType): Promise<void> {
  await callAws(() => context.clients.ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true })), context.retry);
}

/** DeleteParameter. */
export async function deleteParameter(context: LambdaAndSsmContext, name: string): Promise<void> {
  await callAws(() => context.clients.ssm.send(new DeleteParameterCommand({ Name: name })), context.retry);
}
