import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { InvalidInputError } from '../../../errors.js';
import { EnvVar } from '../../../injectors/constants.js';
import { assertAllowedAccount, parseArn } from '../accounts.js';
import { describeAwsError } from '../clients/describeAwsError.js';
import { getFunctionConfiguration, type LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';
import { disarmEnvironment } from './disarmEnvironment.js';
import { environmentSubject, type DisarmLine } from './DisarmOutcome.js';
import { disarmParameter } from './disarmParameter.js';

/** What {@link disarmDeployed} looks at and removes. */
export interface DisarmRequest {
  /** Function names or ARNs: their `SFN_CHAOS_CONFIG`, and the SSM parameter each names in `SFN_CHAOS_SSM_PARAMETER`. */
  functions: readonly string[];
  /** SSM parameter names, looked at as they are. */
  parameters: readonly string[];
  /** Only configs of this run are removed; undefined: any run's. */
  runId?: string;
  /** List what would be removed, change nothing. */
  dryRun?: boolean;
  /** Functions in any other account are refused before anything changes. Must not be empty. */
  allowedAccounts: ReadonlySet<string>;
  /** Wait between reads while a function's update is in progress (default 500 ms). */
  updatePollMs?: number;
}

/**
 * Finds every sfn-chaos config armed on the functions and SSM parameters named, and removes only those (of
 * one run, with `runId`): `SFN_CHAOS_CONFIG` from a function's environment (the other variables kept), the
 * SSM parameter a function or the request names. First every function is read and its account checked; a
 * function in an account outside `allowedAccounts` stops everything before a change. A place that cannot be
 * read or changed is a `failed` line; the others still go ahead.
 *
 * @example
 * ```ts
 * const lines = await disarmDeployed({ clients, retry }, { functions: ['charge'], parameters: [], runId: 'm9x2k1a3f0c2', allowedAccounts: new Set(['111111111111']) });
 * lines.map(formatDisarmLine); // ['function arn:aws:lambda:…:function:charge (SFN_CHAOS_CONFIG): removed (run m9x2k1a3f0c2, expiresAt …)']
 * ```
 */
export async function disarmDeployed(context: LambdaAndSsmContext, request: DisarmRequest): Promise<DisarmLine[]> {
  if (request.allowedAccounts.size === 0) {
    throw new InvalidInputError('chaos disarm needs the accounts it may touch: --allow-account 111111111111 or --allowed-accounts FILE');
  }
  const lines: DisarmLine[] = [];
  const read: FunctionConfiguration[] = [];
  for (const address of new Set(request.functions)) {
    if (parseArn(address) !== undefined) assertAllowedAccount(address, `function ${address}`, request.allowedAccounts);
    let configuration: FunctionConfiguration;
    try {
      configuration = await getFunctionConfiguration(context, address);
    } catch (error) {
      const missing = (error as Error).name === 'ResourceNotFoundException';
      lines.push({
        subject: `function ${address}`,
        outcome: {
          kind: 'failed',
          message: missing ? 'does not exist in this account and Region (check --region and --profile)' : describeAwsError(error),
        },
      });
      continue;
    }
    assertAllowedAccount(configuration.FunctionArn ?? address, `function ${address}`, request.allowedAccounts);
    read.push(configuration);
  }

  const options = { runId: request.runId, dryRun: request.dryRun === true };
  const parametersDone = new Set<string>();
  for (const configuration of read) {
    const arn = configuration.FunctionArn ?? '';
    lines.push({
      subject: environmentSubject(arn),
      outcome: await orFailed(() => disarmEnvironment(context, configuration, { ...options, updatePollMs: request.updatePollMs ?? 500 })),
    });
    const parameter = configuration.Environment?.Variables?.[EnvVar.SsmParameter];
    if (parameter !== undefined && parameter !== '' && !parametersDone.has(parameter)) {
      parametersDone.add(parameter);
      lines.push({
        subject: `SSM parameter ${parameter} (read by function ${arn})`,
        outcome: await orFailed(() => disarmParameter(context, parameter, options)),
      });
    }
  }
  for (const parameter of new Set(request.parameters)) {
    if (parametersDone.has(parameter)) continue;
    parametersDone.add(parameter);
    lines.push({ subject: `SSM parameter ${parameter}`, outcome: await orFailed(() => disarmParameter(context, parameter, options)) });
  }
  return lines;
}

async function orFailed(step: () => Promise<DisarmLine['outcome']>): Promise<DisarmLine['outcome']> {
  try {
    return await step();
  } catch (error) {
    return { kind: 'failed', message: describeAwsError(error) };
  }
}
