import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { describeAwsPlan } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';
import { ACCOUNT, MACHINE_ARN } from './fakeAws.js';

// fakeAws.js loads nock, which patches node:http for the whole jest worker until it is restored.
useFakeAwsEnvironment();

const DEFINITION = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: 'b', Key: 'k.json' },
      },
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
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-distributed-'));
  writeFileSync(join(dir, 'statemachine.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `stateMachines:
  batch:
    definition: statemachine.asl.json
    deployed: ${MACHINE_ARN}
    s3Objects:
      s3://b/k.json: { content: [1, 2] }
scenarios:
  - name: counts
    s3Objects:
      s3://b/other.json: { content: [3] }
    expect: { status: SUCCEEDED, states: { Each: { mapRun: { succeeded: 2 } } } }
`,
  );
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

describe('AWS target: Distributed Map parts of a scenario file', () => {
  it('says in the dry-run plan that s3Objects: are ignored and mapRun: is read with DescribeMapRun', () => {
    const plan = describeAwsPlan(file, file.scenarios, new Set([ACCOUNT]));
    expect(plan).toContain(
      '  warn    s3Objects: stand-ins for s3://b/k.json are ignored on AWS; the Distributed Map reads the real S3 objects',
    );
    expect(plan).toContain(
      '  warn    s3Objects: stand-ins for s3://b/other.json are ignored on AWS; the Distributed Map reads the real S3 objects',
    );
    expect(plan).toContain(
      '  note    mapRun: of "Each" is read with DescribeMapRun once the execution ended (states:DescribeMapRun on the state machine\'s Map Runs); refused, it is not checkable',
    );
  });
});
