import { withFields } from '../../withFields.js';
import { isJsonObject } from '../data/json.js';

/** How a Task state reaches Lambda, which decides the shape of its history events. */
export const LambdaIntegration = {
  /** `Resource` is the function ARN itself: `LambdaFunction*` events, the function's result as is. */
  LegacyResource: 'legacy-resource',
  /** `arn:aws:states:::lambda:invoke`: `Task*` events, the whole Invoke response as result. */
  OptimizedInvoke: 'optimized-invoke',
} as const;
export type LambdaIntegration = (typeof LambdaIntegration)[keyof typeof LambdaIntegration];

const legacyFunctionArnPattern = /^arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+(?::[^:]+)?$/;
const optimizedInvokePattern = /^arn:[^:]+:states:::lambda:invoke$/;
const callbackInvokePattern = /^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/;

/** Which Lambda integration a Task's `Resource` names, if any. */
export function lambdaIntegrationOf(resource: unknown): LambdaIntegration | undefined {
  if (typeof resource !== 'string') return undefined;
  if (legacyFunctionArnPattern.test(resource)) return LambdaIntegration.LegacyResource;
  if (optimizedInvokePattern.test(resource)) return LambdaIntegration.OptimizedInvoke;
  return undefined;
}

/** True for a Task state that invokes a Lambda function in a way the local engine runs. */
export function isLambdaTask(state: unknown): boolean {
  return isJsonObject(state) && state['Type'] === 'Task' && lambdaIntegrationOf(state['Resource']) !== undefined;
}

/**
 * The function reference a Lambda Task invokes, as written in the definition: the legacy `Resource`
 * ARN (possibly qualified), or the static `Parameters.FunctionName` of `lambda:invoke` or
 * `lambda:invoke.waitForTaskToken` (a name, partial
 * ARN or full ARN) with `:Qualifier` appended when `Parameters.Qualifier` is given. Undefined when the
 * state is not a Lambda Task or the function is chosen at run time (`FunctionName.$`).
 *
 * @example
 * functionRefOf({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge', End: true });
 * // 'arn:aws:lambda:us-east-1:123456789012:function:charge'
 * functionRefOf({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge' }, End: true });
 * // 'charge'
 */
export function functionRefOf(state: unknown): string | undefined {
  if (!isJsonObject(state) || state['Type'] !== 'Task') return undefined;
  const integration = lambdaIntegrationOf(state['Resource']);
  if (integration === LambdaIntegration.LegacyResource) return state['Resource'] as string;
  // The callback form invokes the function the same way, so it needs a local handler too.
  const isCallbackInvoke = typeof state['Resource'] === 'string' && callbackInvokePattern.test(state['Resource']);
  if (integration !== LambdaIntegration.OptimizedInvoke && !isCallbackInvoke) return undefined;
  const parameters = state['Parameters'];
  if (!isJsonObject(parameters)) return undefined;
  const name = parameters['FunctionName'];
  if (typeof name !== 'string') return undefined;
  const qualifier = parameters['Qualifier'];
  return typeof qualifier === 'string' ? `${name}:${qualifier}` : name;
}

export interface ParsedFunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
  partition?: string;
}

/**
 * Splits a function reference in any form Lambda accepts: `my-function`, `my-function:prod`,
 * `123456789012:function:my-function[:qualifier]` or `arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]`.
 *
 * @example
 * parseFunctionRef('arn:aws:lambda:us-east-1:123456789012:function:charge:live');
 * // { name: 'charge', qualifier: 'live', accountId: '123456789012', region: 'us-east-1', partition: 'aws' }
 */
export function parseFunctionRef(ref: string): ParsedFunctionRef | undefined {
  const parts = ref.split(':');
  const withQualifier = (base: ParsedFunctionRef, qualifier: string | undefined): ParsedFunctionRef =>
    qualifier === undefined ? base : withFields(base, { qualifier });
  if (parts[0] === 'arn') {
    const [, partition, service, region, accountId, resourceType, name, qualifier, ...rest] = parts;
    if (service !== 'lambda' || resourceType !== 'function' || !name || rest.length > 0) return undefined;
    if (partition === undefined || region === undefined || accountId === undefined) return undefined;
    return withQualifier({ name, accountId, region, partition }, qualifier);
  }
  if (parts[1] === 'function') {
    const [accountId, , name, qualifier, ...rest] = parts;
    if (!accountId || !name || rest.length > 0) return undefined;
    return withQualifier({ name, accountId }, qualifier);
  }
  const [name, qualifier, ...rest] = parts;
  if (!name || rest.length > 0) return undefined;
  return withQualifier({ name }, qualifier);
}

/**
 * The fully qualified ARN Lambda reports for an invoke target, e.g. in `ResourceNotFoundException`
 * (`…:function:NAME:$LATEST`); missing parts come from the state machine's own ARN.
 */
export function qualifiedFunctionArn(ref: string, defaults: { partition: string; region: string; accountId: string }): string {
  const parsed = parseFunctionRef(ref) ?? { name: ref };
  const partition = parsed.partition ?? defaults.partition;
  const region = parsed.region ?? defaults.region;
  const accountId = parsed.accountId ?? defaults.accountId;
  return `arn:${partition}:lambda:${region}:${accountId}:function:${parsed.name}:${parsed.qualifier ?? '$LATEST'}`;
}
