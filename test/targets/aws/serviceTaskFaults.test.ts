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

const DEFINITION = {
  StartAt: 'Save order',
  States: {
    'Save order': { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'orders' }, Next: 'Charge' },
    Charge: { Type: 'Task', Resource: FUNCTION_ARN, End: true },
  },
};

const SCENARIOS = `
stateMachines:
  orders:
    definition: orders.asl.json
    deployed: ${MACHINE_ARN}
    services:
      dynamodb:putItem: { response: {} }
scenarios:
  - name: throttled save
    input: { order: 1 }
    faults:
      - { function: charge, error: PaymentError }
      - { id: ddb, state: Save order, throttle: true }
    expect:
      status: SUCCEEDED
`;

let file: ScenarioFile;
let fake: FakeAws;
useFakeAwsEnvironment();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-service-faults-'));
  writeFileSync(join(dir, 'orders.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

beforeEach(() => {
  fake = new FakeAws();
});

describe('Feature: service-Task faults on the aws target', () => {
  it('refuses a scenario with a fault on a service Task before arming anything', async () => {
    fake.install();
    const target = createAwsTarget({
      allowedAccounts: new Set([ACCOUNT]),
      clients: createAwsClients({ region: REGION }),
      retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 4 },
      lambdaUpdatePollMs: 1,
      ssmPropagationMs: 0,
      timeoutSeconds: 10,
    });
    const result = await runScenarios(file, { target });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      /fault "ddb" \(state "Save order"\) breaks a service Task's call, which only the local engine can do; on AWS the real service answers; nothing was armed or started/,
    );
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
    expect(fake.calls).not.toContain('StartExecution');
  });

  it('--dry-run warns that a real run refuses it', () => {
    const text = describeAwsPlan(file, file.scenarios, new Set([ACCOUNT]));
    expect(text).toContain(
      `  warn    fault "ddb" (state "Save order") breaks a service Task's call, which only the local engine can do; on AWS the real service answers; a real run refuses this scenario\n`,
    );
  });
});
