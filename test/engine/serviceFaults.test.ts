import { describe, expect, it } from '@jest/globals';
import type {
  LocalServiceFaultEffect,
  LocalServiceFaultResolver,
  LocalServiceResolver,
  ServiceFaultCallRef,
} from '../../src/engine/index.js';
import { serviceErrorName, serviceFaultErrorName, serviceTaskResourceOf, serviceThrottleError } from '../../src/engine/index.js';
import { TargetError } from '../../src/errors.js';
import { eventsOfType, offsetsOf, parsed, run, typesOf } from './helpers.js';

const answering: LocalServiceResolver = () => ({ kind: 'response', response: { ok: true } });

function task(resource: string, fields: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Call',
    States: { Call: { Type: 'Task', Resource: resource, Parameters: { TableName: 't' }, End: true, ...fields }, ...extraStates },
  };
}

/** Faults that fail the listed attempts (1-based) with `effect`, after `delayMs` on the virtual clock. */
function faults(
  effect: LocalServiceFaultEffect,
  attempts?: number[],
  delayMs = 0,
): LocalServiceFaultResolver & { calls: ServiceFaultCallRef[] } {
  const calls: ServiceFaultCallRef[] = [];
  const resolver: LocalServiceFaultResolver = (call) => {
    calls.push(call);
    return {
      async inject(_parameters, context) {
        if (delayMs > 0) await context.sfnChaos.sleep(delayMs);
        const attempt = context.sfnChaos.retryCount + 1;
        return attempts === undefined || attempts.includes(attempt) ? effect : { kind: 'none' };
      },
    };
  };
  return Object.assign(resolver, { calls });
}

describe('Faults injected into service Tasks', () => {
  it('a throttle fails the attempt with TaskFailed and the service throttling error; Retry waits its backoff', async () => {
    const serviceFaults = faults({ kind: 'throttle' }, [1, 2]);
    const result = await run(
      task('arn:aws:states:::dynamodb:putItem', {
        Retry: [{ ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException'], IntervalSeconds: 3, BackoffRate: 2 }],
      }),
      [],
      { services: answering, serviceFaults },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(serviceFaults.calls[0]).toEqual({
      stateName: 'Call',
      serviceAction: 'dynamodb:putItem',
      resourceType: 'dynamodb',
      isSdkIntegration: false,
    });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(offsetsOf(result, 'TaskScheduled')).toEqual([0, 3, 9]);
    const [failed] = eventsOfType(result, 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toEqual({
      resourceType: 'dynamodb',
      resource: 'putItem',
      error: 'DynamoDB.ProvisionedThroughputExceededException',
      cause: expect.stringMatching(
        /\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ProvisionedThroughputExceededException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
      ),
    });
  });

  it('an error fault on SQS is caught with the Error and Cause SQS gives through Step Functions', async () => {
    const result = await run(
      task(
        'arn:aws:states:::sqs:sendMessage',
        { Catch: [{ ErrorEquals: ['SQS.AmazonSQSException'], Next: 'Handled' }] },
        { Handled: { Type: 'Pass', End: true } },
      ),
      [],
      { services: answering, serviceFaults: faults({ kind: 'error', error: 'AmazonSQSException', message: 'Access denied' }) },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({
      Error: 'SQS.AmazonSQSException',
      Cause: expect.stringMatching(
        /^Access denied \(Service: AmazonSQS; Status Code: 400; Error Code: AmazonSQSException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
      ),
    });
  });

  it('a delay waits on the virtual clock, and a delay past TimeoutSeconds ends the attempt with TaskTimedOut', async () => {
    const delayed = await run(task('arn:aws:states:::aws-sdk:s3:listObjects'), [], {
      services: answering,
      serviceFaults: faults({ kind: 'none' }, undefined, 4000),
    });
    expect(delayed.status).toBe('SUCCEEDED');
    expect(offsetsOf(delayed, 'TaskSucceeded')).toEqual([4]);

    const hung = await run(task('arn:aws:states:::aws-sdk:s3:listObjects', { TimeoutSeconds: 2 }), [], {
      services: answering,
      serviceFaults: faults({ kind: 'none' }, undefined, 10_000),
    });
    expect(hung.status).toBe('FAILED');
    expect(eventsOfType(hung, 'TaskTimedOut').map((event) => event.taskTimedOutEventDetails)).toEqual([
      { resourceType: 'aws-sdk:s3', resource: 'listObjects', error: 'States.Timeout' },
    ]);
    expect(offsetsOf(hung, 'TaskTimedOut')).toEqual([2]);
  });

  it('an HTTP Task that hangs past 60 seconds fails with States.Http.Socket', async () => {
    const result = await run(task('arn:aws:states:::http:invoke'), [], {
      services: answering,
      serviceFaults: faults({ kind: 'none' }, undefined, 120_000),
    });
    expect(eventsOfType(result, 'TaskFailed').map((event) => event.taskFailedEventDetails?.error)).toEqual(['States.Http.Socket']);
    expect(offsetsOf(result, 'TaskFailed')).toEqual([60]);
  });

  it('a throttle on a service whose throttling error is unknown stops the run rather than guess', async () => {
    await expect(
      run(task('arn:aws:states:::ecs:runTask'), [], { services: answering, serviceFaults: faults({ kind: 'throttle' }) }),
    ).rejects.toThrow(TargetError);
  });
});

describe('The service error table', () => {
  const optimized = serviceTaskResourceOf('arn:aws:states:::dynamodb:putItem');
  const sdk = serviceTaskResourceOf('arn:aws:states:::aws-sdk:dynamodb:putItem');
  const sqs = serviceTaskResourceOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
  const sns = serviceTaskResourceOf('arn:aws:states:::sns:publish');
  const lambda = serviceTaskResourceOf('arn:aws:states:::lambda:invoke');
  if (!optimized || !sdk || !sqs || !sns || !lambda) throw new Error('unreadable resource');

  it('prefixes a bare exception name as the integration family does, and keeps a full name', () => {
    expect(serviceErrorName(optimized, 'ConditionalCheckFailedException')).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(serviceErrorName(sdk, 'ConditionalCheckFailedException')).toBe('DynamoDb.ConditionalCheckFailedException');
    expect(serviceErrorName(serviceTaskResourceOf('arn:aws:states:::aws-sdk:s3:getObject')!, 'NoSuchKeyException')).toBe(
      'S3.NoSuchKeyException',
    );
    expect(serviceErrorName(optimized, 'DynamoDB.ResourceNotFoundException')).toBe('DynamoDB.ResourceNotFoundException');
  });

  it('names each service throttling error; Lambda keeps Lambda.TooManyRequestsException', () => {
    expect(serviceThrottleError(optimized, 'r')?.error).toBe('DynamoDB.ProvisionedThroughputExceededException');
    expect(serviceThrottleError(sdk, 'r')?.error).toBe('DynamoDb.ProvisionedThroughputExceededException');
    expect(serviceThrottleError(sqs, 'r')?.error).toBe('SQS.AmazonSQSException');
    expect(serviceThrottleError(sqs, 'r')?.cause).toMatch(/Error Code: RequestThrottled;/);
    expect(serviceThrottleError(sns, 'r')?.error).toBe('SNS.ThrottledException');
    expect(serviceThrottleError(lambda, 'r')?.error).toBe('Lambda.TooManyRequestsException');
    expect(serviceThrottleError(serviceTaskResourceOf('arn:aws:states:::ecs:runTask')!, 'r')).toBeUndefined();
    expect(serviceFaultErrorName(optimized, 'timeout')).toBe('States.Timeout');
    expect(serviceFaultErrorName(serviceTaskResourceOf('arn:aws:states:::http:invoke')!, 'timeout')).toBe('States.Http.Socket');
  });
});
