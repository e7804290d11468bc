import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues, serviceTaskResourceOf } from '../../src/engine/index.js';
import type { LocalLambdaContext, LocalServiceResolver } from '../../src/engine/index.js';
import { eventsOfType, offsetsOf, run, typesOf } from './helpers.js';

function serviceTask(resource: string, fields: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Call',
    States: { Call: { Type: 'Task', Resource: resource, Parameters: { 'Bucket.$': '$.bucket' }, End: true, ...fields } },
  };
}

describe('Function: serviceTaskResourceOf', () => {
  it.each([
    ['arn:aws:states:::aws-sdk:s3:listObjects', 'aws-sdk:s3', 'listObjects', 'aws-sdk:s3:listObjects', 'request-response'],
    ['arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'sqs', 'sendMessage.waitForTaskToken', 'sqs:sendMessage', 'wait-for-task-token'],
    ['arn:aws:states:::dynamodb:putItem', 'dynamodb', 'putItem', 'dynamodb:putItem', 'request-response'],
    ['arn:aws:states:::lambda:invoke.waitForTaskToken', 'lambda', 'invoke.waitForTaskToken', 'lambda:invoke', 'wait-for-task-token'],
    ['arn:aws:states:::ecs:runTask.sync', 'ecs', 'runTask.sync', 'ecs:runTask', 'run-job'],
    ['arn:aws:states:::batch:submitJob.sync:2', 'batch', 'submitJob.sync:2', 'batch:submitJob', 'run-job'],
  ])('%s', (arn, resourceType, resource, serviceAction, pattern) => {
    expect(serviceTaskResourceOf(arn)).toMatchObject({ resourceType, resource, serviceAction, pattern });
  });

  it('reads nothing from a Lambda function ARN or an activity', () => {
    expect(serviceTaskResourceOf('arn:aws:lambda:us-east-1:123456789012:function:f')).toBeUndefined();
    expect(serviceTaskResourceOf('arn:aws:states:us-east-1:123456789012:activity:review')).toBeUndefined();
  });
});

describe('Service integrations with local stand-ins', () => {
  it('succeeds with the stand-in response, named as AWS names the service and action', async () => {
    const calls: string[] = [];
    const services: LocalServiceResolver = ({ serviceAction, stateName }) => {
      calls.push(`${stateName}: ${serviceAction}`);
      return { kind: 'response', response: { Contents: [] } };
    };
    const result = await run(serviceTask('arn:aws:states:::aws-sdk:s3:listObjects'), [], { input: { bucket: 'b' }, services });
    expect(calls).toEqual(['Call: aws-sdk:s3:listObjects']);
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails).toEqual({
      resourceType: 'aws-sdk:s3',
      resource: 'listObjects',
      region: 'us-east-1',
      parameters: '{"Bucket":"b"}',
    });
    expect(result.output).toBe('{"Contents":[]}');
  });

  it('fails with the stand-in error, which States.TaskFailed catches', async () => {
    const definition = serviceTask('arn:aws:states:::aws-sdk:s3:listObjects', {
      End: undefined,
      Next: 'Fine',
      Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Handled' }],
    }) as { States: Record<string, unknown> };
    definition.States['Fine'] = { Type: 'Succeed' };
    definition.States['Handled'] = { Type: 'Pass', End: true };
    const result = await run(definition, [], {
      input: { bucket: 'gone' },
      services: () => ({ kind: 'error', error: 'S3.NoSuchBucketException', cause: 'The specified bucket does not exist' }),
    });
    expect(eventsOfType(result, 'TaskFailed')[0]?.taskFailedEventDetails).toEqual({
      resourceType: 'aws-sdk:s3',
      resource: 'listObjects',
      error: 'S3.NoSuchBucketException',
      cause: 'The specified bucket does not exist',
    });
    expect(JSON.parse(result.output ?? '{}')).toEqual({
      bucket: 'gone',
      error: { Error: 'S3.NoSuchBucketException', Cause: 'The specified bucket does not exist' },
    });
  });

  it('runs a stand-in handler on the virtual clock, with the parameters, and reports what it throws', async () => {
    const seen: unknown[] = [];
    const ok = await run(serviceTask('arn:aws:states:::dynamodb:putItem'), [], {
      input: { bucket: 'x' },
      services: () => ({
        kind: 'handler',
        invoke: async (parameters, context) => {
          seen.push(parameters);
          await context.sfnChaos.sleep(2000);
          return { Attributes: {} };
        },
      }),
    });
    expect(seen).toEqual([{ Bucket: 'x' }]);
    expect(offsetsOf(ok, 'TaskSucceeded')).toEqual([2]);
    const failed = await run(serviceTask('arn:aws:states:::dynamodb:putItem'), [], {
      input: { bucket: 'x' },
      services: () => ({
        kind: 'handler',
        invoke: async () => {
          const error = new Error('The conditional request failed');
          error.name = 'DynamoDB.ConditionalCheckFailedException';
          throw error;
        },
      }),
    });
    expect([failed.error, failed.cause]).toEqual(['DynamoDB.ConditionalCheckFailedException', 'The conditional request failed']);
  });

  it('lets the state TimeoutSeconds interrupt a slow stand-in handler', async () => {
    const result = await run(serviceTask('arn:aws:states:::dynamodb:putItem', { TimeoutSeconds: 3 }), [], {
      input: { bucket: 'x' },
      services: () => ({ kind: 'handler', invoke: async (_parameters, context) => context.sfnChaos.sleep(10_000) }),
    });
    expect(eventsOfType(result, 'TaskTimedOut')[0]?.taskTimedOutEventDetails).toEqual({
      resourceType: 'dynamodb',
      resource: 'putItem',
      error: 'States.Timeout',
    });
    expect(offsetsOf(result, 'TaskTimedOut')).toEqual([3]);
  });

  describe('HTTP Task (http:invoke)', () => {
    const slowEndpoint = (seconds: number) => ({
      input: { bucket: 'x' },
      services: () => ({
        kind: 'handler' as const,
        invoke: async (_parameters: unknown, context: LocalLambdaContext) => context.sfnChaos.sleep(seconds * 1000),
      }),
    });

    it('gives up after 60 s with States.Http.Socket, whatever TimeoutSeconds says', async () => {
      const result = await run(
        serviceTask('arn:aws:states:::http:invoke', {
          TimeoutSeconds: 300,
          Retry: [{ ErrorEquals: ['States.Http.Socket'], IntervalSeconds: 5, MaxAttempts: 1 }],
        }),
        [],
        slowEndpoint(120),
      );
      expect(result.error).toBe('States.Http.Socket');
      expect(offsetsOf(result, 'TaskFailed')).toEqual([60, 125]);
      expect(eventsOfType(result, 'TaskFailed')[0]?.taskFailedEventDetails).toMatchObject({
        resourceType: 'http',
        resource: 'invoke',
        error: 'States.Http.Socket',
      });
    });

    it('times out with States.Timeout when TimeoutSeconds is shorter', async () => {
      const result = await run(serviceTask('arn:aws:states:::http:invoke', { TimeoutSeconds: 20 }), [], slowEndpoint(120));
      expect(result.error).toBe('States.Timeout');
      expect(offsetsOf(result, 'TaskTimedOut')).toEqual([20]);
    });

    it('lets an endpoint that answers within the minute succeed', async () => {
      const result = await run(serviceTask('arn:aws:states:::http:invoke'), [], slowEndpoint(59));
      expect(result.status).toBe('SUCCEEDED');
    });
  });

  it('refuses to guess a service without a stand-in', async () => {
    await expect(run(serviceTask('arn:aws:states:::sqs:sendMessage'), [], { input: { bucket: 'x' } })).rejects.toThrow(
      'State "Call" calls sqs:sendMessage, which the local engine cannot reach; declare a stand-in for it under services:',
    );
  });

  it('accepts the .sync pattern (run through job stand-ins)', () => {
    expect(findDefinitionIssues(serviceTask('arn:aws:states:::ecs:runTask.sync'))).toEqual([]);
  });
});
