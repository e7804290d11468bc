import { randomUUID } from 'node:crypto';
import { TargetError } from '../../errors.js';
import type { ExecutionIdentity } from './ExecutionScope.js';
import { LocalAccount } from './localAccount.js';
import type { RunExecutionOptions } from '../api/types.js';

/** Used when the caller names no state machine. */
export const defaultStateMachineArn = `arn:${LocalAccount.partition}:states:${LocalAccount.region}:${LocalAccount.accountId}:stateMachine:sfn-chaos-local`;

const stateMachineArnPattern = /^arn:([^:]+):states:([^:]+):([^:]+):stateMachine:([^:]+)$/;
// 1–80 characters, none of the ones AWS forbids in execution names (whitespace, brackets, wildcards,
// punctuation, controls U+0000–001F, U+007F–009F and U+FFFE–FFFF, and surrogates U+D800–DFFF, so no
// character outside the Basic Multilingual Plane either).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among those an execution name must not contain
const forbiddenInExecutionName = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/;

export function executionIdentityOf(options: RunExecutionOptions): ExecutionIdentity {
  const stateMachineArn = options.stateMachineArn ?? defaultStateMachineArn;
  const match = stateMachineArnPattern.exec(stateMachineArn);
  if (!match) {
    throw new TargetError(
      `stateMachineArn ${stateMachineArn} is not a state machine ARN (arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)`,
    );
  }
  const [, partition, region, accountId, stateMachineName] = match as unknown as [string, string, string, string, string];
  const executionName = options.executionName ?? randomUUID();
  if (executionName.length === 0 || executionName.length > 80 || forbiddenInExecutionName.test(executionName)) {
    throw new TargetError(
      `Execution name "${executionName}" is not valid: use 1–80 characters without whitespace or punctuation such as : / ? * $`,
    );
  }
  return {
    partition,
    region,
    accountId,
    stateMachineArn,
    stateMachineName,
    executionArn: `arn:${partition}:states:${region}:${accountId}:execution:${stateMachineName}:${executionName}`,
    executionName,
    roleArn: options.roleArn ?? `arn:${partition}:iam::${accountId}:role/sfn-chaos-local-execution-role`,
  };
}
