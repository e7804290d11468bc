import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import type { RunResult, ScenarioResult } from '../../src/run/results.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

/** Save order (DynamoDB, optimized) retries throttling; Archive (DynamoDB, AWS SDK); Notify (SQS) is caught. */
const definition = JSON.stringify({
  StartAt: 'Save order',
  States: {
    'Save order': {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'orders', 'Item.$': '$.item' },
      ResultPath: null,
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ['DynamoDB.ProvisionedThroughputExceededException'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
      Next: 'Archive',
    },
    Archive: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem',
      Parameters: { TableName: 'archive', 'Item.$': '$.item' },
      ResultPath: null,
      Retry: [{ ErrorEquals: ['DynamoDb.ProvisionedThroughputExceededException'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.archiveError', Next: 'Notify' }],
      Next: 'Notify',
    },
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders', MessageBody: 'saved' },
      Catch: [{ ErrorEquals: ['SQS.AmazonSQSException'], ResultPath: '$.notifyError', Next: 'Notify failed' }],
      End: true,
    },
    'Notify failed': { Type: 'Pass', End: true },
  },
});

function scenarioFile(faults: string[], expect: string): string {
  return `stateMachines:
  orders:
    definition: statemachine.asl.json
    services:
      dynamodb:putItem: { response: {} }
      aws-sdk:dynamodb:putItem: { response: {} }
      sqs:sendMessage: { response: { MessageId: m-1 } }
scenarios:
  - name: the scenario
    input: { item: { id: { S: order-1 } } }
    faults:
${faults.map((fault) => `      - ${fault}`).join('\n')}
    expect:
${expect}
`;
}

async function run(faults: string[], expect = '      status: SUCCEEDED'): Promise<ScenarioResult> {
  const dir = workspace({ 'statemachine.asl.json': definition, 'scenarios.yaml': scenarioFile(faults, expect) });
  const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
  const result: RunResult = await runScenarios(file, { target: createLocalTarget() });
  const [scenario] = result.scenarios;
  if (scenario === undefined) throw new Error('no scenario ran');
  return scenario;
}

async function loading(faults: string[]): Promise<unknown> {
  const dir = workspace({ 'statemachine.asl.json': definition, 'scenarios.yaml': scenarioFile(faults, '      status: SUCCEEDED') });
  return loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
}

function failures(history: HistoryEvent[] | undefined, type: 'TaskFailed' | 'TaskTimedOut' = 'TaskFailed'): Record<string, unknown>[] {
  return (history ?? [])
    .filter((event) => event.type === type)
    .map((event) => ({ ...((type === 'TaskFailed' ? event.taskFailedEventDetails : event.taskTimedOutEventDetails) ?? {}) }));
}

function scheduledOffsets(history: HistoryEvent[] | undefined, resourceType: string): number[] {
  const events = history ?? [];
  const start = events[0]?.timestamp?.getTime() ?? 0;
  return events
    .filter((event) => event.type === 'TaskScheduled' && event.taskScheduledEventDetails?.resourceType === resourceType)
    .map((event) => ((event.timestamp?.getTime() ?? 0) - start) / 1000);
}

describe('scenario faults on service Tasks', () => {
  it('throttles a DynamoDB Task by state name: Retry on DynamoDB.ProvisionedThroughputExceededException with backoff', async () => {
    const result = await run(
      ['{ id: ddb-throttle, state: Save order, throttle: true, attempts: [1, 2] }'],
      `      status: SUCCEEDED
      states:
        Save order:
          attempts: 3
          backoff: [2, 4]
          errors: [DynamoDB.ProvisionedThroughputExceededException, DynamoDB.ProvisionedThroughputExceededException]`,
    );
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    const [first] = failures(result.history);
    expect(first).toEqual({
      resourceType: 'dynamodb',
      resource: 'putItem',
      error: 'DynamoDB.ProvisionedThroughputExceededException',
      cause: expect.stringMatching(
        /^The level of configured provisioned throughput for the table was exceeded\. .* \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ProvisionedThroughputExceededException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
      ),
    });
    expect(
      result.injectedFaults.map((line) => [line['faultId'], line['kind'], line['errorName'], line['attempt'], line['stateName']]),
    ).toEqual([
      ['ddb-throttle', 'throttle', 'DynamoDB.ProvisionedThroughputExceededException', 1, 'Save order'],
      ['ddb-throttle', 'throttle', 'DynamoDB.ProvisionedThroughputExceededException', 2, 'Save order'],
    ]);
    // Tied by the request id the cause names (`Request ID: …`), like a Lambda fault's line.
    expect(
      result.execution?.failedAttempts?.map((attempt) => [
        attempt.stateName,
        attempt.attempt,
        attempt.injected,
        attempt.faultId,
        attempt.matchedBy,
      ]),
    ).toEqual([
      ['Save order', 1, true, 'ddb-throttle', 'awsRequestId'],
      ['Save order', 2, true, 'ddb-throttle', 'awsRequestId'],
    ]);
  });

  it('fromPlan: true reads the service error a fault on the Task raises', async () => {
    const result = await run(
      ['{ state: Save order, throttle: true, attempts: [1, 2] }'],
      `      status: SUCCEEDED
      states:
        Save order: { fromPlan: true }`,
    );
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(result.judgedWith?.expect.states?.['Save order']).toMatchObject({
      attempts: 3,
      backoff: [2, 4],
      outcome: 'succeeded',
      fromPlan: { errorName: 'DynamoDB.ProvisionedThroughputExceededException' },
    });
  });

  it('fails only the attempts listed: attempts: [1] fails the first and lets the retry through', async () => {
    const result = await run(
      ['{ state: Save order, throttle: true, attempts: [1] }'],
      `      status: SUCCEEDED
      states:
        Save order: { attempts: 2, backoff: [2], errors: [DynamoDB.ProvisionedThroughputExceededException], outcome: succeeded }`,
    );
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(result.injectedFaults.map((line) => line['attempt'])).toEqual([1]);
  });

  it('gives a bare exception name the service prefix, with the cause shape of the optimized integration', async () => {
    const result = await run(
      ['{ state: Save order, error: ConditionalCheckFailedException, message: The conditional request failed }'],
      `      status: FAILED
      error: DynamoDB.ConditionalCheckFailedException`,
    );
    // No retrier names ConditionalCheckFailedException: the first attempt's error fails the execution.
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(failures(result.history)).toEqual([
      {
        resourceType: 'dynamodb',
        resource: 'putItem',
        error: 'DynamoDB.ConditionalCheckFailedException',
        cause: expect.stringMatching(
          /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
        ),
      },
    ]);
  });

  it('catches an injected SQS error with the cause SQS gives', async () => {
    const result = await run(
      ['{ service: sqs:sendMessage, error: SQS.AmazonSQSException, message: Access to the resource is denied. }'],
      `      status: SUCCEEDED
      states:
        Notify: { caughtBy: Notify failed, errors: [SQS.AmazonSQSException] }`,
    );
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    const output = JSON.parse(result.execution?.output ?? '{}') as { notifyError?: { Error: string; Cause: string } };
    expect(output.notifyError?.Error).toBe('SQS.AmazonSQSException');
    expect(output.notifyError?.Cause).toMatch(
      /^Access to the resource is denied\. \(Service: AmazonSQS; Status Code: 400; Error Code: AmazonSQSException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect(result.execution?.failedAttempts?.map((attempt) => attempt.injected)).toEqual([true]);
  });

  it('by call key, dynamodb:putItem covers the AWS SDK form too, whose errors are named DynamoDb.…', async () => {
    const result = await run(['{ service: dynamodb:putItem, throttle: true, attempts: [1] }']);
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(failures(result.history).map((failure) => [failure['resourceType'], failure['error']])).toEqual([
      ['dynamodb', 'DynamoDB.ProvisionedThroughputExceededException'],
      ['aws-sdk:dynamodb', 'DynamoDb.ProvisionedThroughputExceededException'],
    ]);
    const [, sdk] = failures(result.history);
    expect(sdk?.['cause']).toMatch(/ \(Service: DynamoDb, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
  });

  it('a call key written with aws-sdk: covers only the AWS SDK form', async () => {
    const result = await run(['{ service: aws-sdk:dynamodb:putItem, error: ResourceNotFoundException }']);
    // Save order (optimized) goes through; Archive fails once (its retrier is for throttling) and is caught.
    expect(failures(result.history).map((failure) => [failure['resourceType'], failure['error']])).toEqual([
      ['aws-sdk:dynamodb', 'DynamoDb.ResourceNotFoundException'],
    ]);
  });

  it('timeout: true hangs the call until the state TimeoutSeconds: States.Timeout, TaskTimedOut', async () => {
    const result = await run(['{ state: Save order, timeout: true }'], '      status: FAILED\n      error: States.Timeout');
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(failures(result.history, 'TaskTimedOut')).toEqual([{ resourceType: 'dynamodb', resource: 'putItem', error: 'States.Timeout' }]);
    expect(result.execution?.failedAttempts?.map((attempt) => [attempt.failureEventType, attempt.injected])).toEqual([
      ['TaskTimedOut', true],
    ]);
  });

  it('latency delays the answer on the virtual clock', async () => {
    const result = await run(['{ state: Save order, latency: 5 }']);
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(scheduledOffsets(result.history, 'aws-sdk:dynamodb')).toEqual([5]);
  });

  it.each([
    ['{ state: Save ordr, error: X }', /state: "Save ordr" is not in orders; did you mean "Save order"/],
    ['{ state: Notify failed, error: X }', /state: "Notify failed" is not a Task that calls a service/],
    ['{ service: sns:publish, error: X }', /service: no Task of orders makes the call sns:publish/],
    ['{ state: Save order, function: charge, error: X }', /a fault breaks one thing, but this one has both function: and state:/],
    ['{ error: X }', /a fault needs what it breaks: function: .*, state: or service:/],
    [
      '{ state: Archive, timeout: true }',
      /timeout: true hangs the call until the state's TimeoutSeconds, but "Archive" calls aws-sdk:dynamodb:putItem and has none/,
    ],
    ['{ state: Save order, error: X, cause: { code: 1 } }', /cause: sets fields on a Lambda function's thrown error/],
  ])('refuses %s at load', async (fault, message) => {
    const load = loading([fault]);
    await expect(load).rejects.toThrow(InvalidInputError);
    await expect(load).rejects.toThrow(message);
  });
});
