import { parseFunctionRef } from '../../../engine/lambda/functionRef.js';

/**
 * What the runner schedules by and the arming keys on for one deployed function: the unqualified function
 * ARN Lambda returned, with the qualifier (version or alias) the address gives, if any. A function named by
 * name in one state machine and by ARN in another is then one resource.
 *
 * @example
 * ```ts
 * armingResource('arn:aws:lambda:us-east-1:111111111111:function:charge', 'charge:live');
 * // 'arn:aws:lambda:us-east-1:111111111111:function:charge:live'
 * ```
 */
export function armingResource(functionArn: string, address: string): string {
  const unqualified = functionArn.split(':').slice(0, 7).join(':');
  const qualifier = parseFunctionRef(address)?.qualifier;
  return qualifier === undefined ? unqualified : `${unqualified}:${qualifier}`;
}

/**
 * The resource of a function not resolved yet: `lambda:function:NAME[:QUALIFIER]`, the same for its name
 * and any of its ARNs. Two functions of the same name in different accounts or Regions get the same key,
 * so at worst scenarios on them are scheduled apart, never together on one function.
 */
export function unresolvedArmingResource(address: string): string {
  const parsed = parseFunctionRef(address);
  if (!parsed) return address;
  return `lambda:function:${parsed.name}${parsed.qualifier === undefined ? '' : `:${parsed.qualifier}`}`;
}
