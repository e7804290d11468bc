import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { TargetError } from '../../../errors.js';
import { EnvVar } from '../../../injectors/constants.js';
import { parseArn } from '../accounts.js';
import { INJECTOR_MARKER_VARIABLE } from '../constants.js';
import { armingResource } from './armingResource.js';

/** A deployed function the run arms, as GetFunctionConfiguration described it before anything changed. */
export interface DeployedFunction {
  /** Name or ARN as the scenario file addresses it. */
  address: string;
  /** The function ARN Lambda returned: the account it lives in is read from here. */
  arn: string;
  /** What scenarios are scheduled by and armings keyed on: see {@link armingResource}. */
  resource: string;
  accountId: string;
  /** The function's name, as its injector writes it to the fault ledger (`functionName`). */
  functionName: string;
  /** Where the function logs, and so where its fault ledger is: `LoggingConfig.LogGroup`, else `/aws/lambda/<name>`. */
  logGroupName: string;
  /** SSM parameter the injector reads (`SFN_CHAOS_SSM_PARAMETER`): when set, faults are armed there. */
  ssmParameter?: string;
  /** How long the injector caches the SSM value, in seconds. */
  ssmTtlSeconds: number;
}

const DEFAULT_SSM_TTL_SECONDS = 30;

/**
 * The deployed function a configuration describes, after checking that it carries the injector and that
 * its kill switch is off; a function that fails either check is refused before anything is armed.
 */
export function deployedFunctionOf(address: string, configuration: FunctionConfiguration): DeployedFunction {
  const variables = configuration.Environment?.Variables ?? {};
  const arn = configuration.FunctionArn ?? address;
  if (!variables[INJECTOR_MARKER_VARIABLE]) {
    throw new TargetError(
      `function ${address} does not say it carries the sfn-chaos injector: wrap its handler with withChaos (or chaosMiddleware) and set the environment variable ${INJECTOR_MARKER_VARIABLE}=withChaos on it (see docs/aws-target.md)`,
    );
  }
  if (/^(true|1|yes|on)$/i.test(variables[EnvVar.Disabled] ?? '')) {
    throw new TargetError(
      `function ${address} has ${EnvVar.Disabled}=${variables[EnvVar.Disabled] ?? ''}: no fault can fire; remove the kill switch to run scenarios on it`,
    );
  }
  const accountId = parseArn(arn)?.accountId;
  if (!accountId) throw new TargetError(`Lambda returned no usable ARN for function ${address} (got ${arn})`);
  const ttl = Number(variables[EnvVar.SsmTtlSeconds]);
  const ssmParameter = variables[EnvVar.SsmParameter];
  const functionName = configuration.FunctionName ?? parseArn(arn)?.resource.split(':')[1] ?? address;
  return {
    address,
    arn,
    resource: armingResource(arn, address),
    accountId,
    functionName,
    logGroupName: configuration.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`,
    ssmTtlSeconds: Number.isFinite(ttl) && ttl >= 0 ? ttl : DEFAULT_SSM_TTL_SECONDS,
    ...(ssmParameter ? { ssmParameter } : {}),
  };
}
