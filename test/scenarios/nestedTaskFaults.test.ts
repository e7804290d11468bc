import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import type { ScenarioResult } from '../../src/run/results.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const recordPayment = {
  StartAt: 'Record payment',
  States: {
    'Record payment': {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { TableName: 'payments', Item: {} },
      End: true,
    },
  },
};

/** Charge payment starts the payment child (.sync:2); Review order is an activity Task. */
const orders = {
  StartAt: 'Charge payment',
  States: {
    'Charge payment': {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:payment', Input: {} },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.paymentError', Next: 'Review order' }],
      Next: 'Review order',
    },
    'Review order': {
      Type: 'Task',
      Resource: 'arn:aws:states:us-east-1:123456789012:activity:order-review',
      HeartbeatSeconds: 60,
      ResultPath: '$.review',
      Retry: [{ ErrorEquals: ['Review.Rejected'], IntervalSeconds: 10, MaxAttempts: 1 }],
      End: true,
    },
  },
};

function scenarioFile(faults: string[], extraMachines = '', expect = '      status: SUCCEEDED'): string {
  return `stateMachines:
  orders:
    definition: orders.asl.json
  payment:
    definition: payment.asl.json
    services:
      dynamodb:putItem: { response: {} }
${extraMachines}scenarios:
  - name: the scenario
    stateMachine: orders
    faults:
${faults.map((fault) => `      - ${fault}`).join('\n')}
    activities:
      - { activity: order-review, after: 5, success: { approved: true } }
    expect:
${expect}
`;
}

function files(faults: string[], extraMachines = '', expect?: string): Record<string, string> {
  return {
    'orders.asl.json': JSON.stringify(orders),
    'payment.asl.json': JSON.stringify(recordPayment),
    'refunds.asl.json': JSON.stringify(recordPayment),
    'scenarios.yaml': scenarioFile(faults, extraMachines, expect),
  };
}

async function load(faults: string[], extraMachines = '', expect?: string): Promise<ScenarioFile> {
  const dir = workspace(files(faults, extraMachines, expect));
  return loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
}

async function run(faults: string[], expect?: string): Promise<ScenarioResult> {
  const file = await load(faults, '', expect);
  const [scenario] = (await runScenarios(file, { target: createLocalTarget() })).scenarios;
  if (scenario === undefined) throw new Error('no scenario ran');
  return scenario;
}

function errorsOf(events: readonly HistoryEvent[] | undefined, type: 'TaskFailed' | 'ActivityFailed'): (string | undefined)[] {
  return (events ?? [])
    .filter((event) => event.type === type)
    .map((event) => (type === 'TaskFailed' ? event.taskFailedEventDetails?.error : event.activityFailedEventDetails?.error));
}

describe('scenario faults on nested workflows', () => {
  it('throttles the StartExecution call of a .sync:2 Task: StepFunctions.ExecutionLimitExceeded, told apart in the ledger', async () => {
    const result = await run(['{ id: start, state: Charge payment, throttle: true }']);
    expect(result.verdict).toBe('passed');
    expect(errorsOf(result.history, 'TaskFailed')).toEqual(['StepFunctions.ExecutionLimitExceeded']);
    expect(result.execution?.childExecutions).toBeUndefined();
    expect(result.injectedFaults.map((line) => [line['faultId'], line['errorName']])).toEqual([
      ['start', 'StepFunctions.ExecutionLimitExceeded'],
    ]);
    expect(result.execution?.failedAttempts?.map((attempt) => [attempt.stateName, attempt.injected])).toEqual([['Charge payment', true]]);
  });

  it('fromPlan: true on the nested-workflow Task reads the error its fault raises', async () => {
    const result = await run(['{ state: Charge payment, throttle: true }'], '      states:\n        Charge payment: { fromPlan: true }');
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(result.judgedWith?.expect.states?.['Charge payment']).toMatchObject({
      attempts: 1,
      caughtBy: 'Review order',
      fromPlan: { errorName: 'StepFunctions.ExecutionLimitExceeded' },
    });
  });

  it("a state: that only a nested workflow has reaches that workflow's child executions, and the ledger names the child", async () => {
    const file = await load(['{ id: child-throttle, state: Record payment, throttle: true }']);
    expect(file.scenarios[0]?.faults[0]).toMatchObject({ task: { state: 'Record payment' }, stateMachine: 'payment' });
    const [result] = (await runScenarios(file, { target: createLocalTarget() })).scenarios;
    const [child] = result?.execution?.childExecutions ?? [];
    expect(errorsOf(child?.events, 'TaskFailed')).toEqual(['DynamoDB.ProvisionedThroughputExceededException']);
    // The parent sees the child's failure as States.TaskFailed (and catches it).
    expect(errorsOf(result?.history, 'TaskFailed')).toEqual(['States.TaskFailed']);
    expect(result?.injectedFaults.map((line) => [line['faultId'], line['stateName'], line['executionArn']])).toEqual([
      ['child-throttle', 'Record payment', child?.executionArn],
    ]);
    expect(child?.executionArn).toMatch(/:execution:payment:/);
    // The child's fault explains none of the parent's own failed attempts.
    expect(result?.execution?.failedAttempts?.map((attempt) => [attempt.stateName, attempt.injected])).toEqual([['Charge payment', false]]);
  });

  it('asks for stateMachine: when several nested workflows have the state, and follows it when given', async () => {
    const refunds = '  refunds:\n    definition: refunds.asl.json\n    services:\n      dynamodb:putItem: { response: {} }\n';
    await expect(load(['{ state: Record payment, throttle: true }'], refunds)).rejects.toThrow(
      /the nested workflows "payment", "refunds" all have such a Task; say which with stateMachine:/,
    );
    const file = await load(['{ state: Record payment, stateMachine: refunds, throttle: true }'], refunds);
    expect(file.scenarios[0]?.faults[0]).toMatchObject({ stateMachine: 'refunds' });
    await expect(load(['{ state: Record payment, stateMachine: refund, throttle: true }'], refunds)).rejects.toThrow(
      /unknown state machine "refund"; did you mean "refunds"\?/,
    );
    await expect(load(['{ state: Charge payment, stateMachine: payment, error: X }'])).rejects.toThrow(
      /state: "Charge payment" is not in payment/,
    );
  });
});

describe('scenario faults on activity workers', () => {
  it('fails the first attempt of the activity Task with ActivityFailed, and the ledger explains it', async () => {
    const result = await run(['{ id: reject, activity: order-review, error: Review.Rejected, message: not today, attempts: [1] }']);
    expect(result.verdict).toBe('passed');
    expect(errorsOf(result.history, 'ActivityFailed')).toEqual(['Review.Rejected']);
    const failed = (result.history ?? []).find((event) => event.type === 'ActivityFailed');
    expect(failed?.activityFailedEventDetails).toEqual({ error: 'Review.Rejected', cause: 'not today' });
    expect(result.injectedFaults.map((line) => [line['faultId'], line['errorName'], line['attempt']])).toEqual([
      ['reject', 'Review.Rejected', 1],
    ]);
    expect(result.execution?.failedAttempts?.map((attempt) => [attempt.stateName, attempt.injected, attempt.faultId])).toEqual([
      ['Review order', true, 'reject'],
    ]);
  });

  it('fromPlan: true on the activity Task reads the error its fault raises', async () => {
    const result = await run(
      ['{ activity: order-review, error: Review.Rejected, attempts: [1] }'],
      '      states:\n        Review order: { fromPlan: true }',
    );
    expect([result.verdict, result.failures]).toEqual(['passed', []]);
    expect(result.judgedWith?.expect.states?.['Review order']).toMatchObject({
      attempts: 2,
      backoff: [10],
      outcome: 'succeeded',
      fromPlan: { errorName: 'Review.Rejected' },
    });
  });

  it('names the activity Task by state: or by the activity ARN as well', async () => {
    for (const target of ['state: Review order', 'activity: arn:aws:states:us-east-1:123456789012:activity:order-review']) {
      const result = await run([`{ ${target}, timeout: true }`]);
      expect((result.history ?? []).filter((event) => event.type === 'ActivityTimedOut')).toHaveLength(1);
    }
  });

  it('refuses what an activity worker cannot suffer, and an activity: no Task runs', async () => {
    await expect(load(['{ activity: order-review, throttle: true }'])).rejects.toThrow(
      /an activity worker has no throttling error; name the error with error: instead/,
    );
    await expect(load(['{ activity: order-reveiw, error: X }'])).rejects.toThrow(
      /activity: no Task of orders runs the activity order-reveiw; did you mean "order-review"\?/,
    );
    await expect(load(['{ activity: order-review, service: sqs:sendMessage, error: X }'])).rejects.toThrow(InvalidInputError);
  });
});
