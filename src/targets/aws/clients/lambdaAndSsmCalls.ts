import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
  type GetParameterCommandOutput,
  type ParameterType,
} from '@aws-sdk/client-ssm';
import type { AwsCallContext } from './AwsCallContext.js';
import { callAws } from './callAws.js';
import type { AwsPacers } from './pacers.js';

/*
 * The Lambda and SSM calls that resolve and arm functions, each sent through callAws: the one place they
 * are sent. Each attempt takes a token from its API's pacer first. Errors are AWS's own; callers word them.
 */

/** The APIs of this file, each paced by its own {@link AwsPacers} entry. */
export type LambdaAndSsmApi =
  | 'GetFunctionConfiguration'
  | 'UpdateFunctionConfiguration'
  | 'GetParameter'
  | 'PutParameter'
  | 'DeleteParameter';

/** What a Lambda or SSM call needs: the clients, how calls are retried and, in a run, the shared pacers (absent: unpaced). */
export type LambdaAndSsmContext = Pick<AwsCallContext, 'clients' | 'retry'> & { pacers?: Pick<AwsPacers, LambdaAndSsmApi> | undefined };

function paced(context: LambdaAndSsmContext, api: LambdaAndSsmApi): { pacer?: AwsPacers[LambdaAndSsmApi] } {
  const pacer = context.pacers?.[api];
  return pacer ? { pacer } : {};
}

/** GetFunctionConfiguration, read-only; `signal` aborts it (resolving before a run). */
export function getFunctionConfiguration(
  context: LambdaAndSsmContext,
  functionName: string,
  signal?: AbortSignal,
): Promise<FunctionConfiguration> {
  return callAws(
    () =>
      context.clients.lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: functionName }),
        signal ? { abortSignal: signal } : {},
      ),
    context.retry,
    signal,
    paced(context, 'GetFunctionConfiguration'),
  );
}

/** GetFunctionConfiguration while arming or disarming: never aborted, since undoing must finish. */
export function rereadFunctionConfiguration(context: LambdaAndSsmContext, functionArn: string): Promise<FunctionConfiguration> {
  return callAws(
    () => context.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionArn })),
    context.retry,
    undefined,
    paced(context, 'GetFunctionConfiguration'),
  );
}

/** UpdateFunctionConfiguration, its input built for each attempt; the answer is the configuration it wrote. */
export function updateFunctionConfiguration(
  context: LambdaAndSsmContext,
  input: () => UpdateFunctionConfigurationCommandInput,
): Promise<FunctionConfiguration> {
  return callAws(
    () => context.clients.lambda.send(new UpdateFunctionConfigurationCommand(input())),
    context.retry,
    undefined,
    paced(context, 'UpdateFunctionConfiguration'),
  );
}

/** GetParameter, decrypted. */
export function getParameter(context: LambdaAndSsmContext, name: string): Promise<GetParameterCommandOutput> {
  return callAws(
    () => context.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })),
    context.retry,
    undefined,
    paced(context, 'GetParameter'),
  );
}

/** PutParameter, overwriting. */
export async function putParameter(context: LambdaAndSsmContext, name: string, value: string, type: ParameterType): Promise<void> {
  await callAws(
    () => context.clients.ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true })),
    context.retry,
    undefined,
    paced(context, 'PutParameter'),
  );
}

/** DeleteParameter. */
export async function deleteParameter(context: LambdaAndSsmContext, name: string): Promise<void> {
  await callAws(
    () => context.clients.ssm.send(new DeleteParameterCommand({ Name: name })),
    context.retry,
    undefined,
    paced(context, 'DeleteParameter'),
  );
}
