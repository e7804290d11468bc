import { DescribeStateMachineCommand, type DescribeStateMachineCommandOutput } from '@aws-sdk/client-sfn';
import { InvalidInputError, TargetError } from '../../../errors.js';
import type { StateMachineSpec } from '../../../scenarios/types.js';
import { assertAllowedAccount, parseArn } from '../accounts.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';
import type { DeployedFunction } from './DeployedFunction.js';

/** What the run learnt about one deployed state machine, read-only, before anything was armed. */
export interface DeployedStateMachine {
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** Express: the log group and level of its logging configuration. */
  logGroupName?: string;
  logLevel?: string;
  /** Deployed function of each function key. */
  functions: Map<string, DeployedFunction>;
}

/**
 * Read-only: DescribeStateMachine of the state machine `spec` names, whose functions are already resolved.
 * Its ARN is checked against the allowed accounts before it is described.
 */
export async function describeStateMachine(
  context: AwsCallContext,
  spec: StateMachineSpec,
  functions: Map<string, DeployedFunction>,
  allowedAccounts: ReadonlySet<string>,
  signal?: AbortSignal,
): Promise<DeployedStateMachine> {
  const arn = await stateMachineArn(context, spec, [...functions.values()], allowedAccounts);
  assertAllowedAccount(arn, `state machine ${arn}`, allowedAccounts);
  let described: DescribeStateMachineCommandOutput;
  try {
    described = await callAws(
      () => context.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }), signal ? { abortSignal: signal } : {}),
      context.retry,
      signal,
      {
        pacer: context.pacers.DescribeStateMachine,
      },
    );
  } catch (error) {
    throw new TargetError(`cannot describe state machine ${arn} (${spec.key}): ${(error as Error).name}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const type = described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
  const destination = described.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
  const logGroupName =
    destination === undefined
      ? undefined
      : parseArn(destination)
          ?.resource.replace(/^log-group:/, '')
          .replace(/:\*$/, '');
  return {
    arn: described.stateMachineArn ?? arn,
    type,
    functions,
    ...(logGroupName ? { logGroupName } : {}),
    ...(described.loggingConfiguration?.level ? { logLevel: described.loggingConfiguration.level } : {}),
  };
}

/**
 * A state machine given by name lives in the account and Region of its functions (Lambda told us their
 * ARNs), or else in the only allowed account and the client's Region.
 */
async function stateMachineArn(
  context: AwsCallContext,
  spec: StateMachineSpec,
  functions: DeployedFunction[],
  allowedAccounts: ReadonlySet<string>,
): Promise<string> {
  const address = spec.deployed ?? spec.stateMachineName;
  if (address.startsWith('arn:')) return address;
  const fromFunction = functions.map((fn) => parseArn(fn.arn)).find((parts) => parts !== undefined);
  if (fromFunction) return `arn:${fromFunction.partition}:states:${fromFunction.region}:${fromFunction.accountId}:stateMachine:${address}`;
  const [only, ...others] = [...allowedAccounts];
  if (only !== undefined && others.length === 0) {
    const region = await context.clients.sfn.config.region();
    return `arn:aws:states:${region}:${only}:stateMachine:${address}`;
  }
  throw new InvalidInputError(
    `state machine ${spec.key}: give its ARN under deployed: (its account cannot be told from a name when several accounts are allowed)`,
    spec.at,
  );
}
