import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { runCommand } from '../../../src/cli/commands/run.js';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { runScenarios } from '../../../src/scenarios/runScenarios.js';
import { formatScenarioResult } from '../../../src/reporters/consoleReport.js';
import { buildJsonReport } from '../../../src/reporters/jsonReport.js';
import { createAwsClients, createAwsTarget, describeAwsPlan, executionNameFor, type AwsTargetOptions } from '../../../src/targets/aws/index.js';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION, type InjectedFailure, type LambdaLogFormat } from './fakeAws.js';

const DEFINITION = {
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
    callsPerSecond: { DescribeExecution: 0, GetExecutionHistory: 0, DescribeStateMachine: 0, StartExecution: 0, StopExecution: 0, FilterLogEvents: 0 },
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
    expect(JSON.parse(armed?.armedWith ?? '{}')).toMatchObject({ runId: result.runId, faults: [{ kind: 'error', errorName: 'PaymentError' }] });
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
    const result = await runScenarios(file, { target: fastTarget({ timeoutSeconds: 30 }), filter: only('PaymentError', 'without'), signal: abort.signal });
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['error', 'skipped']);
    expect(result.scenarios[0]?.error).toMatch(/interrupted/);
    expect(fake.calls).toContain('StopExecution');
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('refuses an account outside the allow-list before any mutating call', async () => {
    fake.install();
    await expect(runScenarios(file, { target: fastTarget({ allowedAccounts: new Set(['222222222222']) }), filter: only('PaymentError') })).rejects.toThrow(
      /account 111111111111, which is not allowed/,
    );
    expect(fake.calls.filter((call) => /Update|Put|Delete|Start|Stop/.test(call))).toEqual([]);
  });

  it('refuses a function that does not carry the injector marker, saying how to add it', async () => {
    fake.functions.get('charge')!.variables = { KEEP: 'me' };
    fake.install();
    await expect(runScenarios(file, { target: fastTarget(), filter: only('PaymentError') })).rejects.toThrow(/SFN_CHAOS_INJECTOR=withChaos/);
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

describe('Function: createAwsTarget, reading the fault ledger back', () => {
  it('attaches the ledger lines found on the first read and marks every failed attempt injected by its request id', async () => {
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError', 'without') });
    const [armed, unarmed] = result.scenarios;
    expect(armed?.verdict).toBe('passed');
    expect(armed?.injectedFaults).toHaveLength(3);
    expect(armed?.injectedFaults.every((line) => line['runId'] === result.runId && line['scenarioId'] === armed.name && line['errorName'] === 'PaymentError')).toBe(true);
    expect(armed?.execution?.failedAttempts?.map((origin) => [origin.stateName, origin.attempt, origin.injected, origin.matchedBy])).toEqual([
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
    const result = await runScenarios(file, { target: fastTarget({ faultLedger: { pollMs: 1, graceMs: 5000 } }), filter: only('PaymentError') });
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
    const result = await runScenarios(file, { target: fastTarget({ faultLedger: { pollMs: 5, graceMs: 60 } }), filter: only('PaymentError') });
    expect(Date.now() - started).toBeLessThan(3000);
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('passed');
    expect(scenario.injectedFaults).toHaveLength(1);
    expect(scenario.execution?.failedAttempts?.map((origin) => origin.injected)).toEqual([true, false, false]);
    expect(formatScenarioResult(scenario)).toContain('not injected by sfn-chaos: Charge attempt 2 PaymentError (LambdaFunctionFailed id');
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
  ])('turns a log read failure (%s) into a warning: the verdict stands and everything is disarmed', async (_label, failure, times, reason) => {
    for (let time = 0; time < times; time += 1) fake.failOnce('logs', 'FilterLogEvents', failure);
    fake.install();
    const result = await runScenarios(file, { target: fastTarget(), filter: only('PaymentError') });
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('passed');
    expect(scenario.error).toBeUndefined();
    expect(scenario.injectorWarnings).toEqual([
      expect.objectContaining({ source: 'aws-target', code: 'fault-ledger-unread', logGroupName: '/aws/lambda/charge', message: expect.stringMatching(reason) }),
    ]);
    expect(scenario.injectedFaults).toEqual([]);
    // Unread ledger: nothing is claimed per attempt.
    expect(scenario.execution?.failedAttempts).toBeUndefined();
    expect(formatScenarioResult(scenario)).toMatch(/injector warning: the fault ledger of charge could not be read/);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
    expect(fake.injectedFailuresLeft()).toBe(0);
  });
});

describe('Function: runCommand with --target aws', () => {
  it('runs the file through the command line code path with the real clients', async () => {
    fake.describesBeforeDone = 0;
    fake.install();
    const exitCode = await runCommand({ file: scenarioPath, target: 'aws', reporters: ['console'], scenarios: ['PaymentError'], allowAccounts: [ACCOUNT], region: REGION, out: join(tmpdir(), 'sfn-chaos-aws-cli.json') });
    expect(exitCode).toBe(0);
    expect(fake.calls).toContain('StartExecution');
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('--dry-run makes no AWS call at all', async () => {
    // Nothing is installed: with the network disabled, any request would fail the run.
    const exitCode = await runCommand({ file: scenarioPath, target: 'aws', reporters: ['console'], dryRun: true, allowAccounts: [ACCOUNT], out: join(tmpdir(), 'sfn-chaos-aws-cli.json') });
    expect(exitCode).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('refuses to run without an allow-list', async () => {
    await expect(runCommand({ file: scenarioPath, target: 'aws', reporters: ['console'], region: REGION })).rejects.toThrow(/--allow-account/);
  });
});

describe('Function: describeAwsPlan', () => {
  it('lists what would be armed, started and asserted without a single request', () => {
    nock.disableNetConnect();
    const text = describeAwsPlan(file, file.scenarios.slice(0, 2), new Set([ACCOUNT]));
    expect(text).toContain(`start   STANDARD state machine ${MACHINE_ARN} (account ${ACCOUNT})`);
    expect(text).toContain(`arm     ${FUNCTION_ARN} (account ${ACCOUNT}) with [{"kind":"error","errorName":"PaymentError","message":"injected"}]`);
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
