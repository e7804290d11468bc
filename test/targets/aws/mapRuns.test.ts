import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { createAwsClients, createAwsTarget } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';
import { ACCOUNT, FakeAws, MACHINE_ARN, REGION } from './fakeAws.js';
import { installMapRunExecutions, MAP_STATE } from './fakeMapRuns.js';

useFakeAwsEnvironment();

const DEFINITION = {
  StartAt: MAP_STATE,
  States: {
    [MAP_STATE]: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      },
      End: true,
    },
  },
};

let file: ScenarioFile;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-map-runs-'));
  writeFileSync(join(dir, 'statemachine.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `stateMachines:
  batch:
    definition: statemachine.asl.json
    deployed: ${MACHINE_ARN}
scenarios:
  - name: counts
    expect: { status: SUCCEEDED, states: { ${MAP_STATE}: { mapRun: { status: SUCCEEDED, items: 100, succeeded: 98, failed: 2 } } } }
`,
  );
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

function target() {
  return createAwsTarget({
    allowedAccounts: new Set([ACCOUNT]),
    clients: createAwsClients({ region: REGION }),
    retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    poll: { minMs: 1, maxMs: 1 },
    timeoutSeconds: 10,
  });
}

const counts = { total: 100, succeeded: 98, failed: 2, timedOut: 0, aborted: 0 };

describe('AWS target: mapRun: expectations', () => {
  it('reads each Map Run of the history with DescribeMapRun and judges its counts', async () => {
    const fake = new FakeAws();
    fake.install();
    const requests = installMapRunExecutions(fake, { executionCounts: counts, itemCount: 100, status: 'SUCCEEDED' });
    const result = await runScenarios(file, { target: target() });
    const [scenario] = result.scenarios;
    expect([scenario?.verdict, scenario?.failures]).toEqual(['passed', []]);
    expect(requests).toEqual([{ mapRunArn: expect.stringMatching(/:mapRun:checkout\/Each:chaos-/) }]);
    expect(scenario?.execution?.mapRuns).toEqual([
      expect.objectContaining({ stateName: MAP_STATE, startedEventId: 4, status: 'SUCCEEDED', itemCount: 100, executionCounts: counts }),
    ]);
  });

  it('fails a count that differs', async () => {
    const fake = new FakeAws();
    fake.install();
    installMapRunExecutions(fake, { executionCounts: { ...counts, succeeded: 90, failed: 10 }, itemCount: 100, status: 'SUCCEEDED' });
    const [scenario] = (await runScenarios(file, { target: target() })).scenarios;
    expect(scenario?.verdict).toBe('failed');
    expect(scenario?.failures.map((failure) => failure.path)).toEqual(['states["Each"].mapRun.succeeded', 'states["Each"].mapRun.failed']);
  });

  it('makes mapRun: not checkable, with a warning, when DescribeMapRun is refused', async () => {
    const fake = new FakeAws();
    fake.install();
    installMapRunExecutions(fake, { executionCounts: counts, itemCount: 100, status: 'SUCCEEDED', accessDenied: true });
    const [scenario] = (await runScenarios(file, { target: target() })).scenarios;
    expect(scenario?.failures.map((failure) => [failure.path, failure.notCheckable])).toEqual([['states["Each"].mapRun', true]]);
    expect(scenario?.injectorWarnings).toContainEqual(
      expect.objectContaining({
        source: 'aws-target',
        code: 'map-runs-unread',
        message: expect.stringMatching(/^DescribeMapRun on Map Run arn:.* failed.*AccessDenied/),
      }),
    );
  });
});
