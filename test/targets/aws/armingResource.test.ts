import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { armingResource, unresolvedArmingResource } from '../../../src/targets/aws/resolve/armingResource.js';
import { createAwsClients, createAwsTarget } from '../../../src/targets/aws/index.js';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION } from './fakeAws.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';

const OTHER_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:refunds`;

let fake: FakeAws;
let file: ScenarioFile;

useFakeAwsEnvironment();

/** A definition whose one Task calls the function as `resource` names it, retried on PaymentError and caught. */
function definitionCalling(resource: string): Record<string, unknown> {
  return {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: resource,
        Retry: [{ ErrorEquals: ['PaymentError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }],
        End: true,
      },
      Recovered: { Type: 'Pass', End: true },
    },
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-two-addresses-'));
  writeFileSync(join(dir, 'byArn.asl.json'), JSON.stringify(definitionCalling(FUNCTION_ARN)));
  // The same deployed function by name, through the optimised integration.
  const byName = definitionCalling('arn:aws:states:::lambda:invoke');
  (byName['States'] as Record<string, Record<string, unknown>>)['Charge']!['Parameters'] = { FunctionName: 'charge', 'Payload.$': '$' };
  writeFileSync(join(dir, 'byName.asl.json'), JSON.stringify(byName));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `
stateMachines:
  checkout: { definition: byArn.asl.json, deployed: ${MACHINE_ARN} }
  refunds: { definition: byName.asl.json, deployed: ${OTHER_MACHINE_ARN} }
scenarios:
  - name: checkout, charge fails
    stateMachine: checkout
    input: { order: 1, durationMs: 300 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
  - name: refunds, charge fails differently
    stateMachine: refunds
    input: { order: 2, durationMs: 300 }
    faults:
      - { function: charge, error: PaymentError, message: declined }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
`,
  );
  file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
});

beforeEach(() => {
  fake = new FakeAws();
  fake.machineArns.push(OTHER_MACHINE_ARN);
});

describe('Function: armingResource', () => {
  it('is the unqualified ARN Lambda returned, with the qualifier the address gives', () => {
    expect(armingResource(FUNCTION_ARN, 'charge')).toBe(FUNCTION_ARN);
    expect(armingResource(`${FUNCTION_ARN}:7`, FUNCTION_ARN)).toBe(FUNCTION_ARN);
    expect(armingResource(FUNCTION_ARN, 'charge:live')).toBe(`${FUNCTION_ARN}:live`);
    expect(armingResource(`${FUNCTION_ARN}:live`, `${FUNCTION_ARN}:live`)).toBe(`${FUNCTION_ARN}:live`);
  });

  it('before resolving, is the same for a name and an ARN of one function', () => {
    expect(unresolvedArmingResource('charge')).toBe(unresolvedArmingResource(FUNCTION_ARN));
    expect(unresolvedArmingResource('charge:live')).toBe(unresolvedArmingResource(`${FUNCTION_ARN}:live`));
    expect(unresolvedArmingResource('charge')).not.toBe(unresolvedArmingResource('charge:live'));
  });
});

describe('Function: createAwsTarget, one function under two addresses', () => {
  it('schedules scenarios that arm it differently one after the other when one state machine names it and the other gives its ARN', async () => {
    const specs = Object.values(file.stateMachines).map((machine) => machine.functions.map((fn) => [fn.key, fn.functionName]));
    expect(specs).toEqual([[['charge', 'charge']], [['charge', 'charge']]]);
    fake.install();
    const armedAtStart: string[] = [];
    fake.onStart = (execution) => armedAtStart.push(JSON.parse(execution.armedWith ?? '{}').faults?.[0]?.message);
    const target = createAwsTarget({
      allowedAccounts: new Set([ACCOUNT]),
      clients: createAwsClients({ region: REGION }),
      retry: { retries: 4, minTimeoutMs: 1, maxTimeoutMs: 4 },
      poll: { minMs: 1, maxMs: 4 },
      lambdaUpdatePollMs: 1,
      timeoutSeconds: 5,
      faultLedger: { pollMs: 1, graceMs: 50 },
      callsPerSecond: {
        DescribeExecution: 0,
        GetExecutionHistory: 0,
        DescribeStateMachine: 0,
        StartExecution: 0,
        StopExecution: 0,
        FilterLogEvents: 0,
      },
    });
    const result = await runScenarios(file, { target, concurrency: 2 });
    expect(result.scenarios.map((scenario) => [scenario.name, scenario.verdict, scenario.error])).toEqual([
      ['checkout, charge fails', 'passed', undefined],
      ['refunds, charge fails differently', 'passed', undefined],
    ]);
    expect(armedAtStart.sort()).toEqual(['declined', 'injected']);
    // One after the other: armed and disarmed twice, never refused.
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(4);
    expect(fake.functions.get('charge')?.variables).toEqual({ SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' });
  });
});
