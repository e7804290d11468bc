import { describe, expect, it } from '@jest/globals';
import { functionRefOf, isLambdaTask, parseFunctionRef, qualifiedFunctionArn } from '../../src/engine/index.js';

describe('functionRefOf / isLambdaTask', () => {
  it('returns the Resource of a legacy Lambda Task, qualified or not', () => {
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
    expect(functionRefOf({ Type: 'Task', Resource: resource, End: true })).toBe(resource);
    expect(functionRefOf({ Type: 'Task', Resource: `${resource}:prod`, End: true })).toBe(`${resource}:prod`);
    expect(isLambdaTask({ Type: 'Task', Resource: resource })).toBe(true);
  });

  it('returns the static FunctionName of lambda:invoke, with the Qualifier appended', () => {
    const invoke = (parameters: unknown) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: parameters,
      End: true,
    });
    expect(functionRefOf(invoke({ FunctionName: 'charge', Payload: {} }))).toBe('charge');
    expect(functionRefOf(invoke({ FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:charge:live' }))).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:charge:live',
    );
    expect(functionRefOf(invoke({ FunctionName: 'charge', Qualifier: '7' }))).toBe('charge:7');
    expect(functionRefOf(invoke({ 'FunctionName.$': '$.fn' }))).toBeUndefined();
    expect(isLambdaTask(invoke({ 'FunctionName.$': '$.fn' }))).toBe(true);
  });

  it('returns nothing for other states and integrations', () => {
    expect(functionRefOf({ Type: 'Pass', End: true })).toBeUndefined();
    expect(functionRefOf({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true })).toBeUndefined();
    expect(isLambdaTask({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' })).toBe(false);
  });
});

describe('parseFunctionRef / qualifiedFunctionArn', () => {
  it('reads every form Lambda accepts', () => {
    expect(parseFunctionRef('charge')).toEqual({ name: 'charge' });
    expect(parseFunctionRef('charge:live')).toEqual({ name: 'charge', qualifier: 'live' });
    expect(parseFunctionRef('123456789012:function:charge')).toEqual({ name: 'charge', accountId: '123456789012' });
    expect(parseFunctionRef('arn:aws-cn:lambda:cn-north-1:123456789012:function:charge:3')).toEqual({
      name: 'charge',
      qualifier: '3',
      accountId: '123456789012',
      region: 'cn-north-1',
      partition: 'aws-cn',
    });
    expect(parseFunctionRef('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('completes a reference into the ARN Lambda reports', () => {
    const defaults = { partition: 'aws', region: 'us-east-1', accountId: '111111111111' };
    expect(qualifiedFunctionArn('charge', defaults)).toBe('arn:aws:lambda:us-east-1:111111111111:function:charge:$LATEST');
    expect(qualifiedFunctionArn('arn:aws:lambda:eu-west-1:222222222222:function:charge:live', defaults)).toBe(
      'arn:aws:lambda:eu-west-1:222222222222:function:charge:live',
    );
  });
});
