import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { describeAwsPlan } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { ACCOUNT, REGION } from './fakeAws.js';

const DEFINITION = {
  StartAt: 'Review',
  States: { Review: { Type: 'Task', Resource: `arn:aws:states:${REGION}:${ACCOUNT}:activity:review`, TimeoutSeconds: 60, End: true } },
};

let file: ScenarioFile;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-activities-'));
  writeFileSync(join(dir, 'statemachine.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `stateMachines:
  reviews:
    definition: statemachine.asl.json
scenarios:
  - name: approved
    activities:
      - { activity: review, success: { approved: true } }
    expect: { status: SUCCEEDED }
`,
  );
  file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
});

describe('AWS target: activities: workers', () => {
  it('warns in the dry-run plan', () => {
    expect(describeAwsPlan(file, file.scenarios, new Set([ACCOUNT]))).toContain(
      '  warn    activities: workers for review exist only on the local engine; on AWS the real activity workers poll, so a real run refuses this scenario',
    );
  });
});
