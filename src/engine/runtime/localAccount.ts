/**
 * The account and Region a local run pretends to be in: the engine's default state machine ARN, the
 * pseudo parameters of templates (`AWS::AccountId`, `AWS::Region`), the local target's ARNs and the stand-in
 * function ARNs of `chaos plan` all come from here.
 *
 * @example
 * ```ts
 * `arn:${LocalAccount.partition}:states:${LocalAccount.region}:${LocalAccount.accountId}:stateMachine:orders`;
 * ```
 */
export const LocalAccount = {
  region: 'us-east-1',
  accountId: '123456789012',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
  stackName: 'sfn-chaos',
} as const;
