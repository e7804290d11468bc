import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { createAwsClients, createAwsTarget, type AwsTargetOptions } from '../../../src/targets/aws/index.js';
import { CHECKOUT_DEFINITION, ACCOUNT, FakeAws, MACHINE_ARN, REGION } from './fakeAws.js';

/**
 * One scenario (PaymentError armed on charge, states checked) on a fresh {@link FakeAws} per test, with a
 * target whose waits and retries are fast: the setup the execution-cleanup and message tests share.
 */

const DEFINITION = CHECKOUT_DEFINITION;

const SCENARIOS = `
stateMachines:
  checkout:
    definition: checkout.asl.json
    deployed: ${MACHINE_ARN}
scenarios:
  - name: states are checked
    stateMachine: checkout
    input: { order: 1 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
`;

export const ORIGINAL_VARIABLES = { SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' };
export const EXECUTION_ARN = /arn:aws:states:us-east-1:111111111111:execution:checkout:chaos-\S+/;

let loaded: ScenarioFile;
let current: FakeAws;
let savedEnvironment: NodeJS.ProcessEnv;

/** The loaded scenario file. */
export function file(): ScenarioFile {
  return loaded;
}

/** This test's fake AWS (not installed yet). */
export function fake(): FakeAws {
  return current;
}

/** The AWS target on the fake, with millisecond waits and 4 retries (5 attempts). */
export function fastTarget(overrides: Partial<AwsTargetOptions> = {}): ReturnType<typeof createAwsTarget> {
  return createAwsTarget({
    allowedAccounts: new Set([ACCOUNT]),
    clients: createAwsClients({ region: REGION }),
    retry: { retries: 4, minTimeoutMs: 1, maxTimeoutMs: 4 },
    poll: { minMs: 1, maxMs: 4 },
    lambdaUpdatePollMs: 1,
    ssmPropagationMs: 0,
    timeoutSeconds: 0.5,
    expressLogs: { pollMs: 1, graceMs: 1 },
    faultLedger: { pollMs: 1, graceMs: 50 },
    callsPerSecond: {
      DescribeExecution: 0,
      GetExecutionHistory: 0,
      DescribeStateMachine: 0,
      StartExecution: 0,
      StopExecution: 0,
      FilterLogEvents: 0,
    },
    ...overrides,
  });
}

/** Registers the hooks: environment, nock, the scenario file, a new fake per test. */
export function useFakeAwsTarget(): void {
  beforeAll(async () => {
    savedEnvironment = { ...process.env };
    if (!nock.isActive()) nock.activate();
    delete process.env['AWS_PROFILE'];
    delete process.env['AWS_SESSION_TOKEN'];
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
    process.env['AWS_REGION'] = REGION;
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
    const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-orphans-'));
    writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(DEFINITION));
    writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
    loaded = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });
  });

  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
    current = new FakeAws();
  });

  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  afterAll(() => {
    nock.restore();
    for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
    Object.assign(process.env, savedEnvironment);
  });
}

/** The one execution the fake saw. */
export function onlyExecution(): { arn: string; status: string } {
  const executions = [...current.executions.values()];
  expect(executions).toHaveLength(1);
  return executions[0]!;
}
