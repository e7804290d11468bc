import { LocalAccount } from '../../../engine/runtime/localAccount.js';
import type { FunctionSpec } from '../../../scenarios/types.js';
import { parseArn } from '../accounts.js';

/** The deployed function a function spec stands for: `deployed:`, a real ARN, else its name. */
export function deployedFunctionAddress(spec: FunctionSpec): string {
  if (spec.deployed !== undefined) return spec.deployed;
  const parts = parseArn(spec.arn);
  return parts && parts.accountId !== LocalAccount.accountId ? spec.arn : spec.functionName;
}
