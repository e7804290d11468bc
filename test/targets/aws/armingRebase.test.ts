import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionArming } from '../../../src/targets/aws/arming/FunctionArming.js';
import { createAwsClients, createAwsTarget } from '../../../src/targets/aws/index.js';
import type { ChaosConfig } from '../../../src/injectors/types.js';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION, type FakeFunction } from './fakeAws.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';

const ORIGINAL = { SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' };
const rule = { kind: 'error' as const, errorName: 'PaymentError', message: 'injected' };
const configFor = (scenarioId: string, expiresAtMs: number): ChaosConfig => ({
  faults: [rule],
  expiresAt: new Date(expiresAtMs).toISOString(),
  runId: 'run1',
  scenarioId,
});

let fake: FakeAws;
let charge: FakeFunction;
let file: ScenarioFile;

useFakeAwsEnvironment();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-rebase-'));
  const definition = {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: FUNCTION_ARN,
        Retry: [{ ErrorEquals: ['PaymentError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }],
        End: true,
      },
      Recovered: { Type: 'Pass', End: true },
    },
  };
  writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(definition));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `
stateMachines:
  checkout: { definition: checkout.asl.json, deployed: ${MACHINE_ARN} }
scenarios:
  - name: PaymentError is caught
    stateMachine: checkout
    input: { order: 1 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
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
  charge = fake.functions.get('charge')!;
});

/** Someone deploys the function: new variables (theirs, plus `extra`), a new RevisionId. */
function deploy(extra: Record<string, string>): void {
  charge.variables = { ...charge.variables, ...extra };
  charge.revision += 1;
}

function newArming(): FunctionArming {
  return new FunctionArming(createAwsClients({ region: REGION }), {
    retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 },
    updatePollMs: 1,
  });
}

function target(): ReturnType<typeof createAwsTarget> {
  const unpaced = {
    DescribeExecution: 0,
    GetExecutionHistory: 0,
    DescribeStateMachine: 0,
    StartExecution: 0,
    StopExecution: 0,
    FilterLogEvents: 0,
  };
  return createAwsTarget({
    allowedAccounts: new Set([ACCOUNT]),
    clients: createAwsClients({ region: REGION }),
    retry: { retries: 4, minTimeoutMs: 1, maxTimeoutMs: 4 },
    poll: { minMs: 1, maxMs: 4 },
    lambdaUpdatePollMs: 1,
    ssmPropagationMs: 0,
    timeoutSeconds: 2,
    faultLedger: { pollMs: 1, graceMs: 50 },
    callsPerSecond: { ...unpaced, GetFunctionConfiguration: 0, UpdateFunctionConfiguration: 0 },
  });
}

describe('Class: FunctionArming, a deploy during the run', () => {
  it('arms on top of a deploy made after the function was resolved, and keeps it when disarming', async () => {
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    deploy({ DEPLOYED: 'v2' });
    const hold = await arming.acquire(fn, configFor('first', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    expect(charge.variables).toEqual({ ...ORIGINAL, DEPLOYED: 'v2', SFN_CHAOS_CONFIG: expect.any(String) });
    await hold.release();
    expect(charge.variables).toEqual({ ...ORIGINAL, DEPLOYED: 'v2' });
  });

  it('rebases on the configuration read again after PreconditionFailedException when a deploy lands between its read and its write', async () => {
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    let deployed = false;
    fake.onLambdaCall = (operation) => {
      if (operation === 'UpdateFunctionConfiguration' && !deployed) {
        deployed = true;
        deploy({ DEPLOYED: 'v2', KEEP: 'changed' });
      }
    };
    const hold = await arming.acquire(fn, configFor('first', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(2);
    expect(charge.variables).toEqual({
      SFN_CHAOS_INJECTOR: 'withChaos',
      KEEP: 'changed',
      DEPLOYED: 'v2',
      SFN_CHAOS_CONFIG: expect.any(String),
    });
    await hold.release();
    expect(charge.variables).toEqual({ SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'changed', DEPLOYED: 'v2' });
  });

  it('rebases the disarm too when a deploy lands just before it, removing only SFN_CHAOS_CONFIG', async () => {
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const hold = await arming.acquire(fn, configFor('first', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    const updatesBefore = fake.callsOf('UpdateFunctionConfiguration');
    fake.onLambdaCall = (operation) => {
      if (operation === 'UpdateFunctionConfiguration' && fake.callsOf('UpdateFunctionConfiguration') === updatesBefore)
        deploy({ DEPLOYED: 'v3' });
    };
    await hold.release();
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(updatesBefore + 2);
    expect(charge.variables).toEqual({ ...ORIGINAL, DEPLOYED: 'v3' });
  });

  it('puts back the SFN_CHAOS_CONFIG value it replaced, on top of the current variables', async () => {
    const old = JSON.stringify({ faults: [], expiresAt: '2020-01-01T00:00:00.000Z' });
    charge.variables = { ...ORIGINAL, SFN_CHAOS_CONFIG: old };
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const hold = await arming.acquire(fn, configFor('first', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    deploy({ DEPLOYED: 'v2' });
    await hold.release();
    expect(charge.variables).toEqual({ ...ORIGINAL, DEPLOYED: 'v2', SFN_CHAOS_CONFIG: old });
    expect(hold.warnings).toEqual([]);
  });

  it('leaves alone an SFN_CHAOS_CONFIG someone changed while it was armed, and says so', async () => {
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const hold = await arming.acquire(fn, configFor('first', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    deploy({ SFN_CHAOS_CONFIG: '{"faults":[]}' });
    const updates = fake.callsOf('UpdateFunctionConfiguration');
    await hold.release();
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(updates + 1); // refused by the RevisionId, then left alone
    expect(charge.variables).toEqual({ ...ORIGINAL, SFN_CHAOS_CONFIG: '{"faults":[]}' });
    expect(hold.warnings).toEqual([
      'SFN_CHAOS_CONFIG of function charge no longer holds what this run wrote (someone changed it while it was armed): it was left as it is; check it now',
    ]);
  });
});

describe('Function: createAwsTarget, a deploy during the run', () => {
  it('keeps a deploy made between resolving the function and arming it', async () => {
    fake.install();
    let reads = 0;
    fake.onLambdaCall = (operation) => {
      // The first read is the run's resolve; the deploy comes right after it.
      if (operation === 'GetFunctionConfiguration' && ++reads === 2) deploy({ DEPLOYED: 'v2' });
    };
    const result = await runScenarios(file, { target: target() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.error])).toEqual([['passed', undefined]]);
    expect(charge.variables).toEqual({ ...ORIGINAL, DEPLOYED: 'v2' });
  });

  it('reports an SFN_CHAOS_CONFIG someone changed during the execution as a warning and leaves it in place', async () => {
    fake.install();
    fake.onStart = () => deploy({ SFN_CHAOS_CONFIG: '{"faults":[]}' });
    const result = await runScenarios(file, { target: target() });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(result.scenarios[0]?.injectorWarnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'aws-target', code: 'armed-config-changed', message: expect.stringContaining('left as it is') }),
      ]),
    );
    expect(charge.variables).toEqual({ ...ORIGINAL, SFN_CHAOS_CONFIG: '{"faults":[]}' });
  });
});
