import { useFakeAwsEnvironment } from './awsTestEnvironment.js';
import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { createAwsClients, createAwsTarget, describeAwsPlan } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION } from './fakeAws.js';
import { CALLBACK_STATE, installCallbackExecutions } from './fakeCallbacks.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/111111111111/approvals';
const DEFINITION = {
  StartAt: CALLBACK_STATE,
  States: {
    [CALLBACK_STATE]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: QUEUE, MessageBody: { 'order.$': '$', 'TaskToken.$': '$$.Task.Token' } },
      HeartbeatSeconds: 1,
      Next: 'Wait blind',
    },
    'Wait blind': {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: QUEUE, MessageBody: { 'order.$': '$' } },
      Next: 'Charge',
    },
    Charge: { Type: 'Task', Resource: FUNCTION_ARN, End: true },
  },
};

const SCENARIOS = `
stateMachines:
  approvals:
    definition: approvals.asl.json
    deployed: ${MACHINE_ARN}
    services:
      sqs:sendMessage: { response: { MessageId: m-1 } }
scenarios:
  - name: approved after 1 s
    stateMachine: approvals
    input: { order: 1 }
    callbacks:
      - { state: ${CALLBACK_STATE}, after: 1, success: { approved: true } }
    expect:
      status: SUCCEEDED
      output: { approved: true }
  - name: rejected
    stateMachine: approvals
    input: { order: 2 }
    callbacks:
      - { state: ${CALLBACK_STATE}, visit: 1, after: 0.2, failure: { error: Approval.Rejected, cause: out of stock } }
    expect:
      status: FAILED
      error: Approval.Rejected
      cause: out of stock
      states:
        ${CALLBACK_STATE}: { errors: [Approval.Rejected], outcome: failed }
  - name: kept alive by heartbeats
    stateMachine: approvals
    input: { order: 3 }
    callbacks:
      - { state: ${CALLBACK_STATE}, heartbeat: 0.3, after: 1.2, success: { approved: late } }
    expect:
      status: SUCCEEDED
  - name: the blind wait has no token to answer
    stateMachine: approvals
    input: { order: 4 }
    faults:
      - { function: charge, error: PaymentError }
    callbacks:
      - { state: Wait blind, success: {} }
    expect:
      status: SUCCEEDED
  - name: local stand-ins for the queue
    stateMachine: approvals
    input: { order: 5 }
    services:
      sqs:sendMessage: { response: { MessageId: m-2 } }
    expect:
      status: SUCCEEDED
`;

let file: ScenarioFile;
let fake: FakeAws;
function target(): ReturnType<typeof createAwsTarget> {
  return createAwsTarget({
    allowedAccounts: new Set([ACCOUNT]),
    clients: createAwsClients({ region: REGION }),
    retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 4 },
    poll: { minMs: 1, maxMs: 50 },
    lambdaUpdatePollMs: 1,
    ssmPropagationMs: 0,
    timeoutSeconds: 10,
    faultLedger: { pollMs: 1, graceMs: 1 },
    callsPerSecond: {
      DescribeExecution: 0,
      GetExecutionHistory: 0,
      DescribeStateMachine: 0,
      StartExecution: 0,
      StopExecution: 0,
      FilterLogEvents: 0,
      SendTaskSuccess: 0,
      SendTaskFailure: 0,
      SendTaskHeartbeat: 0,
    },
  });
}

const named =
  (...names: string[]) =>
  (scenario: { name: string }): boolean =>
    names.includes(scenario.name);

useFakeAwsEnvironment();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-callbacks-'));
  writeFileSync(join(dir, 'approvals.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

beforeEach(() => {
  fake = new FakeAws();
});

describe('Feature: callbacks on the aws target', () => {
  it('answers SendTaskSuccess 1 s after the TaskScheduled, with the token from its parameters', async () => {
    const log = installCallbackExecutions(fake);
    fake.install();
    const result = await runScenarios(file, { target: target(), filter: named('approved after 1 s') });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.error])).toEqual([['passed', undefined]]);
    expect(log.calls.map((call) => call.operation)).toEqual(['SendTaskSuccess']);
    const [call] = log.calls;
    expect(call?.body).toEqual({ taskToken: expect.stringMatching(/^AQB-token-chaos-/), output: '{"approved":true}' });
    expect(call?.sinceScheduledMs).toBeGreaterThanOrEqual(1000);
    expect(call?.sinceScheduledMs).toBeLessThan(2500);
  });

  it('answers SendTaskFailure with the error and cause, which reach the history', async () => {
    const log = installCallbackExecutions(fake);
    fake.install();
    const result = await runScenarios(file, { target: target(), filter: named('rejected') });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.error])).toEqual([['passed', undefined]]);
    expect(log.calls.map((call) => [call.operation, call.body['error'], call.body['cause']])).toEqual([
      ['SendTaskFailure', 'Approval.Rejected', 'out of stock'],
    ]);
    const execution = [...fake.executions.values()][0];
    expect(execution?.events.find((event) => event['type'] === 'TaskFailed')?.['taskFailedEventDetails']).toMatchObject({
      error: 'Approval.Rejected',
      cause: 'out of stock',
    });
  });

  it('sends SendTaskHeartbeat every heartbeat: seconds until the answer (0.3, 0.6, 0.9 s, then the answer at 1.2 s)', async () => {
    const log = installCallbackExecutions(fake);
    fake.install();
    const result = await runScenarios(file, { target: target(), filter: named('kept alive by heartbeats') });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed']);
    expect(log.calls.map((call) => call.operation)).toEqual([
      'SendTaskHeartbeat',
      'SendTaskHeartbeat',
      'SendTaskHeartbeat',
      'SendTaskSuccess',
    ]);
    const times = log.calls.map((call) => call.sinceScheduledMs);
    expect(times[0]).toBeGreaterThanOrEqual(300);
    expect(times[3]).toBeGreaterThanOrEqual(1200);
  });

  it('refuses, before anything is armed, a callback whose Task passes no task token field', async () => {
    installCallbackExecutions(fake);
    fake.install();
    const result = await runScenarios(file, { target: target(), filter: named('the blind wait has no token to answer') });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      /callbacks: "Wait blind" cannot be answered on AWS: its Parameters carry no task token field .*nothing was armed or started/,
    );
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
    expect(fake.calls).not.toContain('StartExecution');
  });

  it('refuses callbacks on an Express state machine, before anything is armed', async () => {
    fake.machineType = 'EXPRESS';
    fake.install();
    const result = await runScenarios(file, { target: target(), filter: named('approved after 1 s') });
    expect(result.scenarios[0]?.error).toMatch(/Express state machine: its history cannot be read while it runs/);
    expect(fake.calls).not.toContain('StartExecution');
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
  });
});

describe('Function: describeAwsPlan, with callbacks and stand-ins', () => {
  it('warns about what the aws target cannot honour and says what it sends when', () => {
    const text = describeAwsPlan(file, file.scenarios, new Set([ACCOUNT]));
    expect(text).toContain(
      'state machine approvals\n  warn    services: stand-ins for sqs:sendMessage are local only; on AWS the real services run',
    );
    expect(text).toContain(
      `  answer  "${CALLBACK_STATE}" (every visit, every attempt): SendTaskSuccess {"approved":true} 1 s (real time) after its TaskScheduled, token from Parameters.MessageBody.TaskToken`,
    );
    expect(text).toContain(
      `  answer  "${CALLBACK_STATE}" (visit 1, every attempt): SendTaskFailure {"error":"Approval.Rejected","cause":"out of stock"} 0.2 s (real time) after its TaskScheduled`,
    );
    expect(text).toContain(
      `  answer  "${CALLBACK_STATE}" (every visit, every attempt): SendTaskHeartbeat every 0.3 s after its TaskScheduled until the answer`,
    );
    expect(text).toContain('  warn    callbacks: "Wait blind" cannot be answered on AWS: its Parameters carry no task token field');
    expect(text).toContain('a real run refuses this scenario before arming anything');
    expect(text).toContain(
      '  warn    services: stand-ins for sqs:sendMessage exist only on the local engine; on AWS the real services run, so a real run refuses this scenario',
    );
  });
});
