import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { createAwsClients, createAwsTarget, describeAwsPlan } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';
import { ACCOUNT, FakeAws, MACHINE_ARN, REGION } from './fakeAws.js';

const DEFINITION = {
  StartAt: 'Review',
  States: { Review: { Type: 'Task', Resource: `arn:aws:states:${REGION}:${ACCOUNT}:activity:review`, TimeoutSeconds: 60, End: true } },
};

let file: ScenarioFile;

useFakeAwsEnvironment();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-activities-'));
  writeFileSync(join(dir, 'statemachine.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `stateMachines:
  reviews:
    definition: statemachine.asl.json
    deployed: ${MACHINE_ARN}
scenarios:
  - name: approved
    activities:
      - { activity: review, success: { approved: true } }
    expect: { status: SUCCEEDED }
`,
  );
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

describe('AWS target: activities: workers', () => {
  it('refuses a scenario with scripted activity workers before arming or starting anything', async () => {
    const fake = new FakeAws();
    fake.install();
    const target = createAwsTarget({
      allowedAccounts: new Set([ACCOUNT]),
      clients: createAwsClients({ region: REGION }),
      retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
      timeoutSeconds: 10,
    });
    const result = await runScenarios(file, { target });
    expect(result.scenarios[0]?.error).toMatch(/activities: workers exist only on the local engine/);
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
    expect(fake.calls).not.toContain('StartExecution');
  });

  it('warns in the dry-run plan', () => {
    expect(describeAwsPlan(file, file.scenarios, new Set([ACCOUNT]))).toContain(
      '  warn    activities: workers for review exist only on the local engine; on AWS the real activity workers poll, so a real run refuses this scenario',
    );
  });
});
