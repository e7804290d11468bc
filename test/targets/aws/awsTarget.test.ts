import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import FakeTimers from '@sinonjs/fake-timers';
import nock from 'nock';
import { runCommand } from '../../../src/cli/commands/run.js';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { formatScenarioResult } from '../../../src/reporters/consoleReport.js';
import { buildJsonReport } from '../../../src/reporters/jsonReport.js';
import {
  createAwsClients,
  createAwsTarget,
  describeAwsPlan,
  executionNameFor,
  type AwsTargetOptions,
} from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import type { ChaosConfig } from '../../../src/injectors/types.js';
import { callAws } from '../../../src/targets/aws/clients/callAws.js';
import { FunctionArming } from '../../../src/targets/aws/arming/FunctionArming.js';
import {
  CHECKOUT_DEFINITION,
  ACCOUNT,
  FakeAws,
  FUNCTION_ARN,
  MACHINE_ARN,
  REGION,
  type InjectedFailure,
  type LambdaLogFormat,
} from './fakeAws.js';
import { useQuietStdout } from '../../support/quietStdout.js';

// What the commands print goes to a buffer, not jest's output.
useQuietStdout();

const DEFINITION = CHECKOUT_DEFINITION;

const SCENARIOS = `
stateMachines:
  checkout:
    definition: checkout.asl.json
    deployed: ${MACHINE_ARN}
scenarios:
  - name: PaymentError is retried twice and caught
    stateMachine: checkout
    input: { order: 1 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, backoff: [1, 2], errors: [PaymentError, PaymentError, PaymentError], caughtBy: Recovered }
  - name: without a fault the charge succeeds
    stateMachine: checkout
    input: { order: 2 }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 1, outcome: succeeded }
  - name: a long history is read past 1000 events
    stateMachine: checkout
    input: { order: 3, steps: 700 }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 1 }
  - name: an execution that never finishes
    stateMachine: checkout
    input: { order: 4, hang: true }
    expect:
      status: SUCCEEDED
  - name: the outcome alone is checked
    stateMachine: checkout
    input: { order: 5 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      output: { recovered: true }
  - name: sharing an arming, the long one
    stateMachine: checkout
    input: { order: 6, durationMs: 1500 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
  - name: sharing an arming, a quick one
    stateMachine: checkout
    input: { order: 7 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
  - name: sharing an arming, another quick one
    stateMachine: checkout
    input: { order: 8 }
    faults:
      - { function: charge, error: PaymentError, message: injected }
    expect:
      status: SUCCEEDED
      states:
        Charge: { attempts: 3, caughtBy: Recovered }
`;

let file: ScenarioFile;
let scenarioPath: string;
let fake: FakeAws;

function fastTarget(overrides: Partial<AwsTargetOptions> = {}): ReturnType<typeof createAwsTarget> {
  return createAwsTarget({
    allowedAccounts: new Set([ACCOUNT]),
    clients: createAwsClients({ region: REGION }),
    retry: { retries: 4, minTimeoutMs: 1, maxTimeoutMs: 4 },
    poll: { minMs: 1, maxMs: 4 },
    lambdaUpdatePollMs: 1,
    ssmPropagationMs: 0,
    timeoutSeconds: 0.5,
    expressLogs: { pollMs: 1, graceMs: 1 },
    faultLedger: { pollMs: 1, graceMs: 200 },
    callsPerSecond: {
      DescribeExecution: 0,
      GetExecutionHistory: 0,
      DescribeStateMachine: 0,
      StartExecution: 0,
      StopExecution: 0,
      FilterLogEvents: 0,
      GetFunctionConfiguration: 0,
      UpdateFunctionConfiguration: 0,
      GetParameter: 0,
      PutParameter: 0,
      DeleteParameter: 0,
    },
    ...overrides,
  });
}

function only(...names: string[]): (scenario: { name: string }) => boolean {
  return (scenario) => names.some((name) => scenario.name.startsWith(name));
}

let savedEnvironment: NodeJS.ProcessEnv;

beforeAll(async () => {
  savedEnvironment = { ...process.env };
  // nock patches node:http for the whole jest worker: activate here, restore in afterAll.
  if (!nock.isActive()) nock.activate();
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
  process.env['AWS_REGION'] = REGION;
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-'));
  writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
  scenarioPath = join(dir, 'scenarios.yaml');
  file = await loadScenarioFile(scenarioPath, { requireHandlers: false });
});

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  fake = new FakeAws();
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

const ORIGINAL_VARIABLES = { SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' };

describe('Function: createAwsTarget', () => {
  it('loads a file whose Lambda Tasks have no local handler for the aws target, and still refuses it for local', async () => {
    expect(file.stateMachines['checkout']?.functions.map((fn) => fn.functionName)).toEqual(['charge']);
    const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-'));
    writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(DEFINITION));
    writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
    await expect(loadScenarioFile(join(dir, 'scenarios.yaml'))).rejects.toThrow(/has no local handler/);
  });

  it('runs scenarios end to end: arms, starts, waits, reads the history, judges, and restores the environment', async () => {
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError', 'without'), concurrency: 2 });
    expect(result.scenarios.map((scenario) => [scenario.name, scenario.verdict, scenario.error])).toEqual([
      ['PaymentError is retried twice and caught', 'passed', undefined],
      ['without a fault the charge succeeds', 'passed', undefined],
    ]);
    const executions = [...fake.executions.values()];
    const armed = executions.find((execution) => execution.input.includes('"order":1'));
    expect(JSON.parse(armed?.armedWith ?? '{}')).toMatchObject({
      runId: result.runId,
      faults: [{ kind: 'error', errorName: 'PaymentError' }],
    });
    expect(JSON.parse(armed?.armedWith ?? '{}').expiresAt).toEqual(expect.any(String));
    expect(executions.find((execution) => execution.input.includes('"order":2'))?.armedWith).toBeUndefined();
    expect(executions.every((execution) => /^chaos-[0-9A-Za-z_-]+$/.test(execution.name) && execution.name.length <= 80)).toBe(true);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it.each<[string, 'states' | 'lambda', string, InjectedFailure]>([
    ['throttled DescribeExecution', 'states', 'DescribeExecution', 'throttle'],
    ['a 500 from StartExecution', 'states', 'StartExecution', '500'],
    ['a reset connection on GetExecutionHistory', 'states', 'GetExecutionHistory', 'reset'],
    ['a throttled UpdateFunctionConfiguration', 'lambda', 'UpdateFunctionConfiguration', 'throttle'],
    ['a reset connection on GetFunctionConfiguration', 'lambda', 'GetFunctionConfiguration', 'reset'],
    ['a KmsThrottlingException from GetExecutionHistory', 'states', 'GetExecutionHistory', 'kmsThrottle'],
  ])('gets the right results and disarms after %s', async (_label, host, operation, failure) => {
    fake.failOnce(host, operation, failure);
    fake.failOnce(host, operation, failure);
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError', 'without') });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed', 'passed']);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
    expect(fake.injectedFailuresLeft()).toBe(0);
  });

  it('merges with a concurrent edit (RevisionId moved) instead of overwriting it, and restores only its own variable', async () => {
    fake.install();
    const fn = fake.functions.get('charge')!;
    fake.onStart = () => {
      // Someone deploys a new variable while the scenario runs.
      fn.variables = { ...fn.variables, DEPLOYED: 'later' };
      fn.revision += 1;
    };
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(fn.variables).toEqual({ ...ORIGINAL_VARIABLES, DEPLOYED: 'later' });
  });

  it('reads a history past 1,000 events page by page', async () => {
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('a long history') });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(result.scenarios[0]?.history?.length).toBeGreaterThan(1000);
    expect(fake.historyPages).toBe(2);
  });

  it('stops an execution that never finishes, reports an error and disarms', async () => {
    fake.install();
    const result = await runScenarios(file, { target: fastTarget({ timeoutSeconds: 0.2 }), filter: only('an execution that never') });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(/did not finish within .* stopped \(StopExecution\)/);
    expect(fake.calls).toContain('StopExecution');
    expect([...fake.executions.values()][0]?.status).toBe('ABORTED');
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('on abort (Ctrl-C) stops the running execution, skips the rest and leaves nothing armed', async () => {
    fake.install();
    fake.describesBeforeDone = Number.POSITIVE_INFINITY;
    const abort = new AbortController();
    fake.onStart = () => setTimeout(() => abort.abort(), 20);
    const result = await runScenarios(file, {
      target: fastTarget({ timeoutSeconds: 30 }),
      filter: only('PaymentError', 'without'),
      signal: abort.signal,
    });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['error', 'skipped']);
    expect(result.scenarios[0]?.error).toMatch(/interrupted/);
    expect(fake.calls).toContain('StopExecution');
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('refuses an account outside the allow-list before any mutating call', async () => {
    fake.install();
    await expect(
      runScenarios(file, { target: fastTarget({ allowedAccounts: new Set(['222222222222']) }), filter: only('PaymentError') }),
    ).rejects.toThrow(/account 111111111111, which is not allowed/);
    expect(fake.calls.filter((call) => /Update|Put|Delete|Start|Stop/.test(call))).toEqual([]);
  });

  it('refuses a function that does not carry the injector marker, saying how to add it', async () => {
    fake.functions.get('charge')!.variables = { KEEP: 'me' };
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['error']);
    expect(result.scenarios[0]?.error).toMatch(/SFN_CHAOS_INJECTOR=withChaos/);
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
  });

  it('arms through the SSM parameter the function names, and deletes it again when there was none', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError', 'without') });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed', 'passed']);
    expect(fake.calls).toEqual(expect.arrayContaining(['PutParameter', 'DeleteParameter']));
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
    expect(fake.parameters.has('/sfn-chaos/charge')).toBe(false);
  });

  it('puts back an SSM value that was there before', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.parameters.set('/sfn-chaos/charge', { value: '{"faults":[]}', type: 'SecureString' });
    fake.install();
    await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(fake.parameters.get('/sfn-chaos/charge')).toEqual({ value: '{"faults":[]}', type: 'SecureString' });
  });

  it('reads an Express execution from CloudWatch Logs and judges it the same way', async () => {
    fake.machineType = 'EXPRESS';
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(fake.calls).toContain('FilterLogEvents');
    expect(fake.calls).not.toContain('GetExecutionHistory');
  });
});

describe('Function: createAwsTarget, when arming fails part-way', () => {
  it('undoes an update that took effect when reading its status back is denied, and reports the scenario as an error', async () => {
    // The resolve read and the read just before arming work; the first read after UpdateFunctionConfiguration is denied.
    fake.deny('GetFunctionConfiguration', 2, 1);
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('error');
    expect(scenario.error).toBe(
      `cannot update the environment of function ${FUNCTION_ARN}: AccessDeniedException: User is not authorized to perform: GetFunctionConfiguration; what this write had changed was undone`,
    );
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(2);
    expect(fake.calls).not.toContain('StartExecution');
  });

  it('says where the faults may still be armed, until when and what to remove, when the undo fails too', async () => {
    fake.deny('GetFunctionConfiguration', 2);
    fake.deny('UpdateFunctionConfiguration', 1);
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('error');
    const left = fake.functions.get('charge')!.variables;
    expect(left['SFN_CHAOS_CONFIG']).toBeDefined();
    const { expiresAt } = JSON.parse(left['SFN_CHAOS_CONFIG']!) as { expiresAt: string };
    expect(scenario.error).toBe(
      `cannot update the environment of function ${FUNCTION_ARN}: AccessDeniedException: User is not authorized to perform: GetFunctionConfiguration; ` +
        'undoing it failed too (AccessDeniedException: User is not authorized to perform: UpdateFunctionConfiguration): ' +
        `the faults may still be armed in the SFN_CHAOS_CONFIG environment variable of function ${FUNCTION_ARN} until ${expiresAt}; remove SFN_CHAOS_CONFIG from its environment now`,
    );
  });

  it('deletes an SSM parameter that PutParameter wrote although its answer was lost', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.loseAnswer('PutParameter', 5); // the first call and its 4 retries
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      /^cannot write SSM parameter \/sfn-chaos\/charge of function \S+: InternalServerError: answer lost; what this write had changed was undone$/,
    );
    expect(fake.parameters.has('/sfn-chaos/charge')).toBe(false);
    expect(fake.calls).not.toContain('StartExecution');
  });

  it('says the SSM parameter may still hold the faults when it cannot be read back', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.parameters.set('/sfn-chaos/charge', { value: '{"faults":[]}', type: 'SecureString' });
    fake.loseAnswer('PutParameter', 5);
    fake.deny('GetParameter', 1);
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    const { expiresAt } = JSON.parse(fake.parameters.get('/sfn-chaos/charge')!.value) as { expiresAt: string };
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      new RegExp(
        `reading back what took effect failed too \\(AccessDeniedException: .*\\): the faults may still be armed in SSM parameter /sfn-chaos/charge \\(read by function \\S+\\) until ${expiresAt.replace(/\./g, '\\.')}; put back the value that parameter had before now$`,
      ),
    );
  });
});

describe('Function: createAwsTarget, scenarios sharing one arming', () => {
  it('gives each scenario its own ledger lines and marks all its failures injected, rewriting nothing', async () => {
    fake.install();
    // The long one and a quick one start together; the second quick one joins the arming when the first has left.
    const result = await runScenarios(file, {
      target: fastTarget({ timeoutSeconds: 10 }),
      filter: only('sharing an arming'),
      concurrency: 2,
    });
    expect(result.scenarios.map((scenario) => [scenario.name, scenario.verdict])).toEqual([
      ['sharing an arming, the long one', 'passed'],
      ['sharing an arming, a quick one', 'passed'],
      ['sharing an arming, another quick one', 'passed'],
    ]);
    for (const scenario of result.scenarios) {
      const origins = scenario.execution?.failedAttempts ?? [];
      expect(origins.map((origin) => [origin.attempt, origin.injected, origin.matchedBy])).toEqual([
        [1, true, 'awsRequestId'],
        [2, true, 'awsRequestId'],
        [3, true, 'awsRequestId'],
      ]);
      // Only the lines of its own invocations, although every line carries the tag of the scenario that armed first.
      expect(scenario.injectedFaults.map((line) => line['awsRequestId'])).toEqual(origins.map((origin) => origin.awsRequestId));
      expect(new Set(scenario.injectedFaults.map((line) => line['scenarioId']))).toEqual(new Set(['sharing an arming, the long one']));
    }
    // Armed once and disarmed once: the quick ones' expiries were close enough to the one written.
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(2);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });
});

describe('Class: FunctionArming', () => {
  const rule = { kind: 'error' as const, errorName: 'PaymentError', message: 'injected' };
  const configFor = (scenarioId: string, expiresAtMs: number): ChaosConfig => ({
    faults: [rule],
    expiresAt: new Date(expiresAtMs).toISOString(),
    runId: 'run1',
    scenarioId,
  });
  const newArming = (): FunctionArming =>
    new FunctionArming(createAwsClients({ region: REGION }), { retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 }, updatePollMs: 1 });

  it('writes the faults again with a later expiry only when a later holder would outlive the written one, keeping the first scenario id', async () => {
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const now = Date.now();
    const first = await arming.acquire(fn, configFor('first', now + 600_000), 'same faults', now + 600_000);
    const soon = await arming.acquire(fn, configFor('soon', now + 660_000), 'same faults', now + 660_000);
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(1);
    const late = await arming.acquire(fn, configFor('late', now + 900_000), 'same faults', now + 900_000);
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(2);
    expect(JSON.parse(fake.functions.get('charge')!.variables['SFN_CHAOS_CONFIG']!)).toMatchObject({
      scenarioId: 'first',
      expiresAt: new Date(now + 900_000).toISOString(),
    });
    expect([first, soon, late].map((hold) => [hold.armedScenarioId, hold.shared])).toEqual([
      ['first', true],
      ['first', true],
      ['first', true],
    ]);
    await first.release();
    await late.release();
    expect(fake.functions.get('charge')!.variables['SFN_CHAOS_CONFIG']).toBeDefined();
    await soon.release();
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('disarms at the end when the first write failed but a later holder rewrote the faults with a later expiry', async () => {
    fake.failOnce('lambda', 'UpdateFunctionConfiguration', 'accessDenied');
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const now = Date.now();
    const [first, later] = await Promise.allSettled([
      arming.acquire(fn, configFor('first', now + 600_000), 'same faults', now + 600_000),
      arming.acquire(fn, configFor('later', now + 900_000), 'same faults', now + 900_000),
    ]);
    expect([first.status, later.status]).toEqual(['rejected', 'fulfilled']);
    expect(fake.functions.get('charge')!.variables['SFN_CHAOS_CONFIG']).toBeDefined();
    if (later.status === 'fulfilled') await later.value.release();
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('lets go of an arming that failed for every holder, so the next scenario can arm the function', async () => {
    fake.deny('GetFunctionConfiguration', 1, 1);
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    const now = Date.now();
    const attempts = await Promise.allSettled([
      arming.acquire(fn, configFor('first', now + 600_000), 'same faults', now + 600_000),
      arming.acquire(fn, configFor('second', now + 600_000), 'same faults', now + 600_000),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual(['rejected', 'rejected']);
    const next = await arming.acquire(fn, configFor('next', now + 600_000), 'other faults', now + 600_000);
    expect(JSON.parse(fake.functions.get('charge')!.variables['SFN_CHAOS_CONFIG']!)).toMatchObject({ scenarioId: 'next' });
    await next.release();
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('lets go of an unarmed claim refused because someone left faults armed', async () => {
    fake.functions.get('charge')!.variables = {
      ...ORIGINAL_VARIABLES,
      SFN_CHAOS_CONFIG: JSON.stringify(configFor('someone', Date.now() + 60_000)),
    };
    fake.install();
    const arming = newArming();
    const fn = await arming.resolve('charge');
    await expect(arming.acquire(fn, undefined, '', Date.now() + 600_000)).rejects.toThrow(/already has faults armed in SFN_CHAOS_CONFIG/);
    const hold = await arming.acquire(fn, configFor('next', Date.now() + 600_000), 'faults', Date.now() + 600_000);
    await hold.release();
    expect(JSON.parse(fake.functions.get('charge')!.variables['SFN_CHAOS_CONFIG']!)).toMatchObject({ scenarioId: 'someone' });
  });
});

describe('Function: createAwsTarget, starting executions', () => {
  it('does not send an Express StartExecution again after a 5xx: the scenario is an error saying it may or may not have started', async () => {
    fake.machineType = 'EXPRESS';
    fake.loseAnswer('StartExecution');
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      /^StartExecution on state machine \S+ failed after 1 attempt: .*; Express execution chaos-\S+ may have started, .* so it was not sent again; it did start: execution \S+ is in log group \S+; an Express execution cannot be stopped, its 5-minute limit ends it; the functions were disarmed$/,
    );
    expect(fake.executions.size).toBe(1);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('sends an Express start again when no connection was made (nothing can have started)', async () => {
    fake.machineType = 'EXPRESS';
    fake.failOnce('states', 'StartSyncExecution', 'refused');
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('the outcome alone') });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.error])).toEqual([['passed', undefined]]);
    expect(fake.executions.size).toBe(1);
    expect(fake.injectedFailuresLeft()).toBe(0);
  });

  it('does not send StartSyncExecution again after a 5xx', async () => {
    fake.machineType = 'EXPRESS';
    fake.loseAnswer('StartSyncExecution');
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('the outcome alone') });
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toMatch(
      /^StartSyncExecution on state machine \S+ failed after 1 attempt: .*; Express execution chaos-\S+ may have started, .* so it was not sent again; it did start: execution \S+ is in log group/,
    );
    expect(fake.executions.size).toBe(1);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it.each(['StartSyncExecution', 'StartExecution'])(
    'sends %s of an Express machine again after throttling, which started nothing',
    async (operation) => {
      fake.machineType = 'EXPRESS';
      fake.failOnce('states', operation, 'throttle');
      fake.install();
      const result = await runScenarios(file, {
        target: fastTarget(),
        filter: only(operation === 'StartSyncExecution' ? 'the outcome alone' : 'PaymentError'),
      });
      expect(result.scenarios[0]?.verdict).toBe('passed');
      expect(fake.executions.size).toBe(1);
      expect(fake.injectedFailuresLeft()).toBe(0);
    },
  );

  it('takes ExecutionAlreadyExists after a lost StartExecution answer as the Standard execution the first call started', async () => {
    fake.loseAnswer('StartExecution');
    // The execution is over before the retry arrives, so the retry is refused rather than answered again.
    fake.onStart = (execution) => fake.finish(execution, 'SUCCEEDED');
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(fake.callsOf('StartExecution')).toBe(2);
    expect(fake.executions.size).toBe(1);
    expect(result.scenarios[0]?.execution?.executionArn).toBe([...fake.executions.keys()][0]);
  });
});

describe('Function: createAwsTarget, Express executions read from CloudWatch Logs', () => {
  it('keeps reading within the grace for events that arrive after the terminal one', async () => {
    fake.machineType = 'EXPRESS';
    for (const id of [6, 7, 8]) fake.lateLogEvents.set(id, 3);
    fake.install();
    const result = await runScenarios(file, {
      target: fastTarget({ expressLogs: { pollMs: 1, graceMs: 2000 } }),
      filter: only('PaymentError'),
    });
    expect(result.scenarios[0]?.verdict).toBe('passed');
    expect(fake.expressLogReads).toBe(3);
  });

  it('reports the state expectations as not checkable when events never arrive, naming them, and still checks the status', async () => {
    fake.machineType = 'EXPRESS';
    for (const id of [6, 7, 8]) fake.droppedLogEventIds.add(id); // attempt 2 of Charge
    // Each read takes 10 ms of the clock, so the 30 ms grace allows a few reads whatever the machine's load.
    const clock = FakeTimers.install({ toFake: ['Date'] });
    fake.onExpressLogRead = () => clock.tick(10);
    fake.install();
    let result: Awaited<ReturnType<typeof runScenarios>>;
    try {
      result = await runScenarios(file, { target: fastTarget({ expressLogs: { pollMs: 1, graceMs: 30 } }), filter: only('PaymentError') });
    } finally {
      clock.uninstall();
    }
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('failed');
    expect(scenario.failures).toEqual([
      expect.objectContaining({
        path: 'states["Charge"]',
        actual: { missingEventIds: [6, 7, 8] },
        message: expect.stringContaining('not checkable, the history is incomplete (missing event ids 6-8)'),
      }),
    ]);
    expect(scenario.analysis?.status).toBe('SUCCEEDED');
    expect(fake.expressLogReads).toBeGreaterThan(2);
  });

  it('stops waiting for a terminal event that never arrives once an Express execution must have ended', async () => {
    fake.machineType = 'EXPRESS';
    fake.droppedLogEventIds.add(15); // ExecutionSucceeded
    const clock = FakeTimers.install({ toFake: ['Date'] });
    fake.onExpressLogRead = () => clock.tick(30_000);
    try {
      fake.install();
      const result = await runScenarios(file, {
        target: fastTarget({ timeoutSeconds: 3600, expressLogs: { pollMs: 1, graceMs: 2000 } }),
        filter: only('PaymentError'),
      });
      expect(result.scenarios[0]?.verdict).toBe('error');
      expect(result.scenarios[0]?.error).toMatch(
        /no terminal event .* within 5 minutes \(the longest an Express execution runs\) plus 2 s/,
      );
      // 5 minutes and 2 s at 30 s a read, not the hour the scenario's time limit allows.
      expect(fake.expressLogReads).toBeLessThanOrEqual(12);
      expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
    } finally {
      clock.uninstall();
    }
  });
});

describe('Function: callAws', () => {
  it('takes a new token from the pacer for each retry after throttling', async () => {
    fake.failOnce('states', 'DescribeStateMachine', 'throttle');
    fake.failOnce('states', 'DescribeStateMachine', 'throttle');
    fake.install();
    let tokens = 0;
    const pacer = { take: async (): Promise<void> => void (tokens += 1) };
    const sfn = createAwsClients({ region: REGION }).sfn;
    const described = await callAws(
      () => sfn.send(new DescribeStateMachineCommand({ stateMachineArn: MACHINE_ARN })),
      { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 2 },
      undefined,
      { pacer },
    );
    expect(described.stateMachineArn).toBe(MACHINE_ARN);
    expect(tokens).toBe(3);
  });
});

describe('Function: createAwsTarget, reading the fault ledger back', () => {
  it('attaches the ledger lines found on the first read and marks every failed attempt injected by its request id', async () => {
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError', 'without') });
    const [armed, unarmed] = result.scenarios;
    expect(armed?.verdict).toBe('passed');
    expect(armed?.injectedFaults).toHaveLength(3);
    expect(
      armed?.injectedFaults.every(
        (line) => line['runId'] === result.runId && line['scenarioId'] === armed.name && line['errorName'] === 'PaymentError',
      ),
    ).toBe(true);
    expect(
      armed?.execution?.failedAttempts?.map((origin) => [origin.stateName, origin.attempt, origin.injected, origin.matchedBy]),
    ).toEqual([
      ['Charge', 1, true, 'awsRequestId'],
      ['Charge', 2, true, 'awsRequestId'],
      ['Charge', 3, true, 'awsRequestId'],
    ]);
    const requestIds = armed?.injectedFaults.map((line) => line['awsRequestId']);
    expect(armed?.execution?.failedAttempts?.map((origin) => origin.awsRequestId)).toEqual(requestIds);
    // One read was enough, on the function's default log group, filtered by run id and the execution's time window.
    expect(fake.ledgerRequests).toHaveLength(1);
    const request = fake.ledgerRequests[0]!;
    expect(request).toMatchObject({ logGroupName: '/aws/lambda/charge', filterPattern: `"fault-injected" "${result.runId}"` });
    const execution = armed?.execution;
    expect(Number(request['startTime'])).toBeLessThanOrEqual(execution!.startDate.getTime());
    expect(Number(request['endTime'])).toBeGreaterThanOrEqual(execution!.stopDate!.getTime());
    expect(Number(request['endTime']) - execution!.stopDate!.getTime()).toBeLessThanOrEqual(60_000);
    // Nothing armed: no ledger to read, and the failures (none here) are known not to be injected.
    expect(unarmed?.injectedFaults).toEqual([]);
    expect(unarmed?.execution?.failedAttempts).toEqual([]);
  });

  it.each<LambdaLogFormat>(['Text', 'JSON', 'JSON-object'])('reads ledger lines stored in the %s log format', async (format) => {
    fake.logFormat = format;
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(result.scenarios[0]?.injectedFaults.map((line) => line['faultId'])).toEqual(['error-0', 'error-0', 'error-0']);
    expect(result.scenarios[0]?.execution?.failedAttempts?.every((origin) => origin.injected)).toBe(true);
  });

  it('waits for lines delivered late, reading every page, until each injected failure has its line', async () => {
    fake.ledgerDelivery = [0, 1, 2];
    fake.ledgerPageSize = 1;
    fake.install();
    const result = await runScenarios(file, {
      target: fastTarget({ faultLedger: { pollMs: 1, graceMs: 5000 } }),
      filter: only('PaymentError'),
    });
    expect(result.scenarios[0]?.injectedFaults).toHaveLength(3);
    expect(result.scenarios[0]?.execution?.failedAttempts?.filter((origin) => origin.injected)).toHaveLength(3);
    const firstPages = fake.ledgerRequests.filter((request) => request['nextToken'] === undefined);
    expect(firstPages).toHaveLength(4);
    expect(fake.ledgerRequests.some((request) => request['nextToken'] !== undefined)).toBe(true);
  });

  it('stops waiting after the grace period and reports the failures no line explains as not injected', async () => {
    fake.ledgerDelivery = Array.from({ length: 10_000 }, () => 1);
    fake.install();
    const started = Date.now();
    const result = await runScenarios(file, {
      target: fastTarget({ faultLedger: { pollMs: 5, graceMs: 60 } }),
      filter: only('PaymentError'),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('passed');
    expect(scenario.injectedFaults).toHaveLength(1);
    expect(scenario.execution?.failedAttempts?.map((origin) => origin.injected)).toEqual([true, false, false]);
    // A passing scenario's console block stays one line; a failing one lists what no ledger line explains.
    expect(formatScenarioResult(scenario)).not.toContain('not injected');
    expect(formatScenarioResult({ ...scenario, verdict: 'failed' })).toContain(
      'not injected by sfn-chaos: Charge attempt 2 PaymentError (LambdaFunctionFailed id',
    );
    const report = buildJsonReport(result) as { scenarios: { failedAttempts?: { injected: boolean }[] }[] };
    expect(report.scenarios[0]?.failedAttempts?.map((origin) => origin.injected)).toEqual([true, false, false]);
  });

  it('matches by order per function when the failure causes carry no request id', async () => {
    fake.causeCarriesRequestId = false;
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    const origins = result.scenarios[0]?.execution?.failedAttempts ?? [];
    expect(origins.map((origin) => [origin.injected, origin.matchedBy])).toEqual([
      [true, 'order'],
      [true, 'order'],
      [true, 'order'],
    ]);
    expect(origins.map((origin) => origin.awsRequestId)).toEqual(result.scenarios[0]?.injectedFaults.map((line) => line['awsRequestId']));
  });

  it("reads the log group named by the function's LoggingConfig", async () => {
    fake.functions.get('charge')!.logGroup = '/custom/payments/charge';
    fake.logFormat = 'JSON';
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    expect(fake.ledgerRequests.map((request) => request['logGroupName'])).toEqual(['/custom/payments/charge']);
    expect(result.scenarios[0]?.injectedFaults).toHaveLength(3);
  });

  it.each<[string, InjectedFailure, number, RegExp]>([
    ['AccessDenied', 'accessDenied', 1, /AccessDeniedException/],
    ['throttling that outlasts the retries', 'throttle', 5, /ThrottlingException/],
  ])(
    'turns a log read failure (%s) into a warning: the verdict stands and everything is disarmed',
    async (_label, failure, times, reason) => {
      for (let time = 0; time < times; time += 1) fake.failOnce('logs', 'FilterLogEvents', failure);
      fake.install();
      const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
      const scenario = result.scenarios[0]!;
      expect(scenario.verdict).toBe('passed');
      expect(scenario.error).toBeUndefined();
      expect(scenario.injectorWarnings).toEqual([
        expect.objectContaining({
          source: 'aws-target',
          code: 'fault-ledger-unread',
          logGroupName: '/aws/lambda/charge',
          message: expect.stringMatching(reason),
        }),
      ]);
      expect(scenario.injectedFaults).toEqual([]);
      // Unread ledger: nothing is claimed per attempt.
      expect(scenario.execution?.failedAttempts).toBeUndefined();
      expect(formatScenarioResult(scenario)).toMatch(/injector warning: the fault ledger of charge could not be read/);
      expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
      expect(fake.injectedFailuresLeft()).toBe(0);
    },
  );
});

describe('Function: runCommand with --target aws', () => {
  it('runs the file through the command line code path with the real clients', async () => {
    fake.describesBeforeDone = 0;
    fake.install();
    const exitCode = await runCommand({
      file: scenarioPath,
      target: 'aws',
      reporters: ['console'],
      scenarios: ['PaymentError'],
      allowAccounts: [ACCOUNT],
      region: REGION,
      out: join(tmpdir(), 'sfn-chaos-aws-cli.json'),
    });
    expect(exitCode).toBe(0);
    expect(fake.calls).toContain('StartExecution');
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('--dry-run makes no AWS call at all', async () => {
    // Nothing is installed: with the network disabled, any request would fail the run.
    const exitCode = await runCommand({
      file: scenarioPath,
      target: 'aws',
      reporters: ['console'],
      dryRun: true,
      allowAccounts: [ACCOUNT],
      out: join(tmpdir(), 'sfn-chaos-aws-cli.json'),
    });
    expect(exitCode).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('still writes the reports, every scenario an error with the reason, when resolving the deployed resources fails', async () => {
    fake.deny('DescribeStateMachine', 0);
    fake.install();
    const out = join(mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-cli-')), 'results');
    const exitCode = await runCommand({
      file: scenarioPath,
      target: 'aws',
      reporters: ['json', 'junit'],
      scenarios: ['PaymentError', 'without a fault'],
      allowAccounts: [ACCOUNT],
      region: REGION,
      out,
    });
    expect(exitCode).toBe(3);
    const report = JSON.parse(readFileSync(`${out}.json`, 'utf8')) as {
      scenarios: Array<{ name: string; verdict: string; error?: string }>;
    };
    expect(report.scenarios.map((scenario) => [scenario.name, scenario.verdict])).toEqual([
      ['PaymentError is retried twice and caught', 'error'],
      ['without a fault the charge succeeds', 'error'],
    ]);
    expect(report.scenarios[0]?.error).toMatch(
      /^not run: preparing the aws target failed, so nothing was armed or started: cannot describe state machine .*AccessDeniedException/,
    );
    expect(readFileSync(`${out}.xml`, 'utf8')).toContain('<error');
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
  });

  it('refuses to run without an allow-list', async () => {
    await expect(runCommand({ file: scenarioPath, target: 'aws', reporters: ['console'], region: REGION })).rejects.toThrow(
      /--allow-account/,
    );
  });
});

describe('Function: describeAwsPlan', () => {
  it('lists what would be armed, started and asserted without a single request', () => {
    nock.disableNetConnect();
    const text = describeAwsPlan(file, file.scenarios.slice(0, 2), new Set([ACCOUNT]));
    expect(text).toContain(`start   STANDARD state machine ${MACHINE_ARN} (account ${ACCOUNT})`);
    expect(text).toContain(
      `arm     ${FUNCTION_ARN} (account ${ACCOUNT}) with [{"kind":"error","errorName":"PaymentError","message":"injected"}]`,
    );
    expect(text).toContain(`leave   ${FUNCTION_ARN} (account ${ACCOUNT}) unarmed`);
    expect(text).toContain('assert  Charge: {"attempts":3');
    expect(describeAwsPlan(file, file.scenarios.slice(0, 1), new Set(['222222222222']))).toContain('NOT in the allow-list');
  });
});

describe('Function: executionNameFor', () => {
  it('keeps to 80 characters of 0-9 A-Z a-z - _ and traces back to run and scenario', () => {
    const name = executionNameFor('run42', 6, `Payment: "retried" ${'x'.repeat(200)}`);
    expect(name).toMatch(/^chaos-run42-7-Payment-retried-x+-[0-9a-f]{6}$/);
    expect(name.length).toBeLessThanOrEqual(80);
  });
});

describe('Method: armedNow', () => {
  it('reports what is armed while an execution runs (ARN, place, expiresAt, runId) and nothing once disarmed', async () => {
    fake.install();
    fake.describesBeforeDone = Number.POSITIVE_INFINITY;
    const target = fastTarget({ timeoutSeconds: 30 });
    let seen: ReturnType<NonNullable<typeof target.armedNow>> = [];
    const abort = new AbortController();
    fake.onStart = () => {
      seen = target.armedNow?.() ?? [];
      setTimeout(() => abort.abort(), 10);
    };
    const result = await runScenarios(file, { target, runId: 'run-armed-now', filter: only('PaymentError'), signal: abort.signal });
    expect(seen).toEqual([
      {
        functionArn: FUNCTION_ARN,
        place: { kind: 'environment' },
        expiresAt: expect.stringMatching(/^\d{4}-.*Z$/),
        runId: 'run-armed-now',
      },
    ]);
    expect(seen[0]?.expiresAt).toBe((JSON.parse(fake.executions.values().next().value?.armedWith ?? '{}') as ChaosConfig).expiresAt);
    expect(result.runId).toBe('run-armed-now');
    expect(target.armedNow?.()).toEqual([]);
  });

  it('names the SSM parameter when the function reads its config there', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.install();
    const target = fastTarget();
    let seen: ReturnType<NonNullable<typeof target.armedNow>> = [];
    fake.onStart = () => (seen = target.armedNow?.() ?? []);
    await runScenarios(file, { target, runId: 'run-ssm', filter: only('PaymentError') });
    expect(seen).toEqual([
      expect.objectContaining({ functionArn: FUNCTION_ARN, place: { kind: 'ssm', parameterName: '/sfn-chaos/charge' }, runId: 'run-ssm' }),
    ]);
  });
});
