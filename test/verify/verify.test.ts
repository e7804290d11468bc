import { describe, expect, it, jest } from '@jest/globals';
import FakeTimers from '@sinonjs/fake-timers';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createAwsClients } from '../../src/targets/aws/clients/awsClients.js';
import { createPacers } from '../../src/targets/aws/clients/pacers.js';
import { API_CALLS_PER_SECOND } from '../../src/targets/aws/constants.js';
import { runVerify } from '../../src/verify/runVerify.js';
import { sendTestState } from '../../src/verify/sendTestState.js';
import { useFakeAwsEnvironment } from '../targets/aws/awsTestEnvironment.js';
import { ACCOUNT } from '../targets/aws/fakeAws.js';
import { answerLikeAws, fakeTestState } from './fakeTestState.js';

const root = join(import.meta.dirname, '..', '..');
const ROLE = `arn:aws:iam::${ACCOUNT}:role/verify`;
const EXHAUSTS = 'HTTPError exhausts retries and lands in ErrorState';
const GENERAL_ERROR = 'A GeneralError is not retried and goes straight to ErrorState';
const noRetry = { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 };

useFakeAwsEnvironment();

async function quietly<T>(run: () => Promise<T>): Promise<{ value: T; printed: string }> {
  let printed = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    return { value: await run(), printed };
  } finally {
    spy.mockRestore();
  }
}

async function verifyScenario(name: string, answer = answerLikeAws) {
  const log = fakeTestState(answer);
  const file = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
  const result = await runVerify(file, {
    allowedAccounts: new Set([ACCOUNT]),
    roleArn: ROLE,
    filter: (scenario) => scenario.name === name,
    testState: { sfn: createAwsClients().sfn, retry: noRetry, pacer: { take: async () => undefined } },
  });
  return { result, log };
}

describe('chaos verify: replaying a local run with TestState', () => {
  it('agrees with an AWS that retries HTTPError three times and then catches it', async () => {
    const { result, log } = await verifyScenario(EXHAUSTS);
    expect(result.checks.map((check) => [check.stateName, check.path, check.verdict])).toEqual([
      ['Download Benner', 'result', 'agreed'],
      ['Download Exoplanets', 'error', 'agreed'],
      ['Download Exoplanets', 'error', 'agreed'],
      ['Download Exoplanets', 'error', 'agreed'],
      ['Download Exoplanets', 'error', 'agreed'],
    ]);
    const sent = log.requests.slice(1);
    expect(sent.map((body) => (body['stateConfiguration'] as { retrierRetryCount: number }).retrierRetryCount)).toEqual([0, 1, 2, 3]);
    expect(sent.every((body) => body['inspectionLevel'] === 'DEBUG' && body['roleArn'] === ROLE)).toBe(true);
    expect(result.checks.map((check) => check.expected?.retryBackoffIntervalSeconds)).toEqual([undefined, 10, 20, 40, undefined]);
    expect(result.checks[4]?.expected).toMatchObject({ status: 'CAUGHT_ERROR', catchIndex: 1, nextState: 'ErrorState' });
  });

  it('reports a difference, field by field, and exits 1', async () => {
    const log = fakeTestState((body) => {
      const answer = answerLikeAws(body);
      return answer['status'] === 'CAUGHT_ERROR'
        ? { ...answer, nextState: 'Elsewhere', inspectionData: { errorDetails: { catchIndex: 1 } } }
        : answer;
    });
    const out = join(await mkdtemp(join(tmpdir(), 'verify-')), 'verify.json');
    const { value: code, printed } = await quietly(() =>
      verifyCommand({
        file: join(root, 'scenarios.yaml'),
        allowAccounts: [ACCOUNT],
        roleArn: ROLE,
        scenarios: [GENERAL_ERROR],
        reporters: ['json'],
        out,
      }),
    );
    expect(code).toBe(1);
    expect(log.requests).toHaveLength(2);
    expect(printed).toContain('differed');
    const report = JSON.parse(await readFile(out, 'utf8')) as { checks: { verdict: string; differences: unknown[] }[] };
    expect(report.checks[1]).toMatchObject({
      verdict: 'differed',
      differences: [
        { field: 'catchIndex', expected: 0, actual: 1 },
        { field: 'nextState', expected: 'ErrorState', actual: 'Elsewhere' },
      ],
    });
  });

  it('exits 3 when TestState fails, and sends nothing after the failed call', async () => {
    const log = fakeTestState(() => ({
      status: 400,
      error: { __type: 'AccessDeniedException', message: 'not authorized to perform: states:TestState' },
    }));
    const { value: code, printed } = await quietly(() =>
      verifyCommand({ file: join(root, 'scenarios.yaml'), allowAccounts: [ACCOUNT], roleArn: ROLE, scenarios: [GENERAL_ERROR] }),
    );
    expect(code).toBe(3);
    expect(log.requests).toHaveLength(1);
    expect(printed).toContain('AccessDeniedException');
    expect(printed).toContain('1 error, 1 skipped');
  });

  it('lists the calls of --dry-run without sending any', async () => {
    const log = fakeTestState(answerLikeAws);
    const { value: code, printed } = await quietly(() =>
      verifyCommand({ file: join(root, 'scenarios.yaml'), allowAccounts: [ACCOUNT], roleArn: ROLE, scenarios: [EXHAUSTS], dryRun: true }),
    );
    expect(code).toBe(0);
    expect(log.requests).toHaveLength(0);
    expect(printed.match(/TestState \{/g)).toHaveLength(5);
    expect(printed).toContain('"retrierRetryCount":3');
  });

  it('refuses a role outside the allowed accounts before running anything', async () => {
    const file = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
    await expect(
      runVerify(file, { allowedAccounts: new Set([ACCOUNT]), roleArn: 'arn:aws:iam::222222222222:role/verify' }),
    ).rejects.toThrow(InvalidInputError);
    await expect(runVerify(file, { allowedAccounts: new Set([ACCOUNT]) })).rejects.toThrow(/cannot tell which account/);
  });

  it('reports a Task whose output holds the task token as not verifiable and sends nothing for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'verify-vars-'));
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Remember',
      States: {
        Remember: { Type: 'Pass', Assign: { orderId: 'o-1' }, Next: 'Charge' },
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`, Payload: { id: '{% $orderId %}' } },
          Output: { charged: '{% $states.result.Payload %}', token: '{% $states.context.Task.Token %}' },
          End: true,
        },
      },
    };
    await writeFile(join(dir, 'machine.asl.json'), JSON.stringify(definition));
    await writeFile(join(dir, 'charge.mjs'), 'export const handler = async (event) => ({ charged: event.id });\n');
    await writeFile(
      join(dir, 'scenarios.yaml'),
      [
        'stateMachines:',
        '  orders:',
        '    definition: machine.asl.json',
        '    functions:',
        '      charge:',
        `        arn: arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`,
        '        handler: charge.mjs#handler',
        'scenarios:',
        '  - name: reads a variable',
        '    stateMachine: orders',
        '    expect: { status: SUCCEEDED }',
        '',
      ].join('\n'),
    );
    const log = fakeTestState(answerLikeAws);
    const { value: code, printed } = await quietly(() =>
      verifyCommand({ file: join(dir, 'scenarios.yaml'), allowAccounts: [ACCOUNT], roleArn: ROLE }),
    );
    expect(code).toBe(0);
    expect(log.requests).toHaveLength(0);
    expect(printed).toContain('notVerifiable');
    expect(printed).toContain('holds the task token');
  });
});

describe('TestState pacing', () => {
  it('sends at most one TestState call per second, its quota', async () => {
    expect(API_CALLS_PER_SECOND.TestState).toBe(1);
    const clock = FakeTimers.install({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const sentAt: number[] = [];
      const sfn = {
        send: async () => {
          sentAt.push(Date.now());
          return { status: 'SUCCEEDED' as const };
        },
      };
      const context = { sfn, retry: noRetry, pacer: createPacers().TestState };
      const started = Date.now();
      const all = Promise.all(Array.from({ length: 5 }, () => sendTestState(context, { definition: '{}' })));
      await clock.runAllAsync();
      await all;
      expect(sentAt.map((at) => at - started)).toEqual([0, 1000, 2000, 3000, 4000]);
    } finally {
      clock.uninstall();
    }
  });
});
