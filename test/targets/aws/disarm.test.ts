import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { disarmCommand, type DisarmCommandOptions } from '../../../src/cli/commands/disarm.js';
import { createAwsClients } from '../../../src/targets/aws/index.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION } from './fakeAws.js';

const SHIP_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ship`;
const config = (runId: string | undefined): string =>
  JSON.stringify({
    faults: [{ kind: 'error', errorName: 'PaymentError' }],
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...(runId !== undefined ? { runId } : {}),
  });

let fake: FakeAws;
let scenarioPath: string;
let savedEnvironment: NodeJS.ProcessEnv;

beforeAll(() => {
  savedEnvironment = { ...process.env };
  if (!nock.isActive()) nock.activate();
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
  process.env['AWS_REGION'] = REGION;
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-disarm-'));
  const definition = {
    StartAt: 'Charge',
    States: { Charge: { Type: 'Task', Resource: FUNCTION_ARN, Next: 'Ship' }, Ship: { Type: 'Task', Resource: SHIP_ARN, End: true } },
  };
  writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(definition));
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    `stateMachines:\n  checkout:\n    definition: checkout.asl.json\n    deployed: ${MACHINE_ARN}\nscenarios:\n  - name: one\n    stateMachine: checkout\n    expect: { status: SUCCEEDED }\n`,
  );
  scenarioPath = join(dir, 'scenarios.yaml');
});

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  fake = new FakeAws();
  fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me', SFN_CHAOS_CONFIG: config('run-a') };
  fake.functions.set('ship', {
    variables: { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_CONFIG: config('run-b') },
    revision: 1,
    inProgressReads: 0,
  });
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

async function disarm(options: Partial<DisarmCommandOptions>): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await disarmCommand({
    allowAccounts: [ACCOUNT],
    clients: createAwsClients({ region: REGION }),
    updatePollMs: 1,
    stdout: { write: (text: string) => (out += text) },
    ...options,
  });
  return { code, out };
}

describe('Command: chaos disarm', () => {
  it("removes every run's SFN_CHAOS_CONFIG from the functions of a scenario file, keeping the other variables", async () => {
    fake.install();
    const { code, out } = await disarm({ file: scenarioPath });
    expect(code).toBe(0);
    expect(out).toBe(
      [
        `function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): removed (run run-a, expiresAt 2030-01-01T00:00:00.000Z)`,
        `function ${SHIP_ARN} (SFN_CHAOS_CONFIG): removed (run run-b, expiresAt 2030-01-01T00:00:00.000Z)`,
        '',
      ].join('\n'),
    );
    expect(fake.functions.get('charge')?.variables).toEqual({ SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' });
    expect(fake.functions.get('ship')?.variables).toEqual({ SFN_CHAOS_INJECTOR: 'withChaos' });
  });

  it("with --run-id removes only that run's config and keeps the other run's", async () => {
    fake.install();
    const { code, out } = await disarm({ file: scenarioPath, runId: 'run-b' });
    expect(code).toBe(0);
    expect(out).toContain(`function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): armed by another run (run run-a), kept`);
    expect(out).toContain(`function ${SHIP_ARN} (SFN_CHAOS_CONFIG): removed (run run-b`);
    expect(fake.functions.get('charge')?.variables['SFN_CHAOS_CONFIG']).toBe(config('run-a'));
    expect(fake.functions.get('ship')?.variables['SFN_CHAOS_CONFIG']).toBeUndefined();
  });

  it('--dry-run lists what would be removed and changes nothing', async () => {
    fake.install();
    const { code, out } = await disarm({ functions: ['charge', 'ship'], dryRun: true });
    expect(code).toBe(0);
    expect(out).toContain('dry run: nothing is changed\n');
    expect(out).toContain(`function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): would remove (run run-a`);
    expect(fake.calls.filter((call) => /Update|Put|Delete/.test(call))).toEqual([]);
  });

  it('keeps a config no run wrote, and says nothing is armed where nothing is', async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_CONFIG: config(undefined) };
    fake.functions.get('ship')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos' };
    fake.install();
    const { out } = await disarm({ functions: ['charge', SHIP_ARN] });
    expect(out).toContain(`function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): not ours (not an sfn-chaos config), kept`);
    expect(out).toContain(`function ${SHIP_ARN} (SFN_CHAOS_CONFIG): nothing armed`);
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
  });

  it("on a 412 (a deploy between the read and the update) re-reads and keeps the deploy's variables", async () => {
    // The deploy lands just before our update: the fake's state moves, and the update answers 412.
    nock(`https://lambda.${REGION}.amazonaws.com`)
      .put(/\/2015-03-31\/functions\/.+\/configuration/)
      .reply(() => {
        const charge = fake.functions.get('charge')!;
        charge.variables = { ...charge.variables, DEPLOYED: 'v2' };
        charge.revision += 1;
        return [
          412,
          { message: 'The Revision Id provided does not match the latest Revision Id.' },
          { 'x-amzn-errortype': 'PreconditionFailedException' },
        ];
      });
    fake.install();
    const { code, out } = await disarm({ functions: ['charge'] });
    expect(code).toBe(0);
    expect(out).toContain(`function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): removed (run run-a`);
    expect(fake.functions.get('charge')?.variables).toEqual({ SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me', DEPLOYED: 'v2' });
  });

  it("deletes the SSM parameter a function names when it holds a run's config, and keeps one that is not a config", async () => {
    fake.functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    fake.parameters.set('/sfn-chaos/charge', { value: config('run-a'), type: 'String' });
    fake.parameters.set('/app/flags', { value: '{"beta":true}', type: 'String' });
    fake.install();
    const { code, out } = await disarm({ functions: ['charge'], parameters: ['/app/flags', '/sfn-chaos/gone'] });
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      `function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): nothing armed`,
      `SSM parameter /sfn-chaos/charge (read by function ${FUNCTION_ARN}): removed (run run-a, expiresAt 2030-01-01T00:00:00.000Z)`,
      'SSM parameter /app/flags: not ours (not an sfn-chaos config), kept',
      'SSM parameter /sfn-chaos/gone: nothing armed',
      '',
    ]);
    expect(fake.parameters.has('/sfn-chaos/charge')).toBe(false);
    expect(fake.parameters.get('/app/flags')).toEqual({ value: '{"beta":true}', type: 'String' });
  });

  it('refuses a function in an account outside the allow-list before changing anything (exit 2)', async () => {
    fake.install();
    await expect(disarm({ file: scenarioPath, allowAccounts: ['222222222222'] })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/account 111111111111, which is not allowed/),
    });
    expect(fake.calls).not.toContain('UpdateFunctionConfiguration');
  });

  it('exits 3 with a failed line when AWS refuses, and still disarms the rest', async () => {
    fake.deny('UpdateFunctionConfiguration', 0, 1);
    fake.install();
    const { code, out } = await disarm({ functions: ['charge', 'ship'] });
    expect(code).toBe(3);
    expect(out).toContain(
      `function ${FUNCTION_ARN} (SFN_CHAOS_CONFIG): failed: cannot update the environment of function ${FUNCTION_ARN}: AccessDeniedException: User is not authorized to perform: UpdateFunctionConfiguration`,
    );
    expect(out).toContain(`function ${SHIP_ARN} (SFN_CHAOS_CONFIG): removed`);
  });

  it('needs something to disarm and the accounts it may touch (exit 2, one line)', async () => {
    await expect(disarm({})).rejects.toMatchObject({
      exitCode: 2,
      message: 'name what to disarm: a scenario file, --function NAME|ARN or --parameter NAME (see chaos --help)',
    });
    await expect(disarm({ functions: ['charge'], allowAccounts: [] })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/--allow-account/),
    });
  });
});
