import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createAwsClients } from '../../src/targets/aws/clients/awsClients.js';
import { runVerify } from '../../src/verify/runVerify.js';
import { useFakeAwsEnvironment } from '../targets/aws/awsTestEnvironment.js';
import { ACCOUNT } from '../targets/aws/fakeAws.js';
import { answerLikeAws, fakeTestState, type TestStateAnswer, type TestStateRequestBody } from './fakeTestState.js';

/**
 * `chaos verify` gives TestState what a state saw beyond its input: the workflow variables in its scope,
 * the Context object, and for Map and Parallel states the results of their iterations and branches.
 */

useFakeAwsEnvironment();

const ROLE = `arn:aws:iam::${ACCOUNT}:role/verify`;
const CHARGE = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:charge`;

async function verifyDefinition(
  definition: object,
  answer: (body: TestStateRequestBody) => TestStateAnswer = answerLikeAws,
  input = '{ order: 7 }',
) {
  const dir = await mkdtemp(join(tmpdir(), 'verify-scope-'));
  await writeFile(join(dir, 'machine.asl.json'), JSON.stringify(definition));
  await writeFile(join(dir, 'charge.mjs'), 'export const handler = async (event) => ({ charged: event });\n');
  await writeFile(
    join(dir, 'scenarios.yaml'),
    [
      'stateMachines:',
      '  orders:',
      '    definition: machine.asl.json',
      '    functions:',
      '      charge:',
      `        arn: ${CHARGE}`,
      '        handler: charge.mjs#handler',
      'scenarios:',
      '  - name: one run',
      '    stateMachine: orders',
      `    input: ${input}`,
      '    expect: { status: SUCCEEDED }',
      '',
    ].join('\n'),
  );
  nock.cleanAll();
  const log = fakeTestState(answer);
  const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
  const result = await runVerify(file, {
    allowedAccounts: new Set([ACCOUNT]),
    roleArn: ROLE,
    testState: {
      sfn: createAwsClients().sfn,
      retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
      pacer: { take: async () => undefined },
    },
  });
  const sent = (stateName: string): TestStateRequestBody | undefined =>
    log.requests.find((body) => (JSON.parse(String(body['definition'])) as { Comment?: string }).Comment === stateName);
  return { result, log, sent };
}

/** AWS's answer for a mocked Lambda result whose state keeps only `Payload` (its `Output` or `ResultSelector`). */
function answerWithPayload(wrap: (payload: unknown) => unknown) {
  return (body: TestStateRequestBody): TestStateAnswer => {
    const answer = answerLikeAws(body);
    const result = (body['mock'] as { result: string }).result;
    return { ...answer, output: JSON.stringify(wrap((JSON.parse(result) as { Payload: unknown }).Payload)) };
  };
}

const invoke = (payload: object) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: CHARGE, Payload: payload },
  Output: '{% $states.result.Payload %}',
});

describe('chaos verify: what a state saw beyond its input', () => {
  it('sends the workflow variables in scope, and a Parallel branch never sees a sibling branch’s', async () => {
    const { result, sent } = await verifyDefinition(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Remember',
        States: {
          Remember: { Type: 'Pass', Assign: { orderId: 'o-1' }, Next: 'Both' },
          Both: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Set a',
                States: {
                  'Set a': { Type: 'Pass', Assign: { a: 1 }, Next: 'Use a' },
                  'Use a': { ...invoke({ id: '{% $orderId %}', a: '{% $a %}' }), Comment: 'Use a', End: true },
                },
              },
              {
                StartAt: 'Set b',
                States: {
                  'Set b': { Type: 'Pass', Assign: { b: 2 }, Next: 'Use b' },
                  'Use b': { ...invoke({ id: '{% $orderId %}', b: '{% $b %}' }), Comment: 'Use b', End: true },
                },
              },
            ],
            End: true,
          },
        },
      },
      answerWithPayload((payload) => payload),
    );
    expect(JSON.parse(String(sent('Use a')?.['variables']))).toEqual({ orderId: 'o-1', a: 1 });
    expect(JSON.parse(String(sent('Use b')?.['variables']))).toEqual({ orderId: 'o-1', b: 2 });
    expect(result.checks.filter((check) => check.stateName.startsWith('Use')).map((check) => check.verdict)).toEqual(['agreed', 'agreed']);
  });

  it('sends the Context object rebuilt from the execution, with the attempt’s RetryCount', async () => {
    const { result, sent } = await verifyDefinition(
      {
        StartAt: 'Charge',
        States: {
          Charge: {
            Comment: 'Charge',
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: CHARGE, 'Payload.$': '$$.Execution.Name' },
            ResultSelector: { 'paid.$': '$.Payload' },
            End: true,
          },
        },
      },
      answerWithPayload((payload) => ({ paid: payload })),
    );
    const context = JSON.parse(String(sent('Charge')?.['context'])) as Record<string, Record<string, unknown>>;
    expect(result.checks.map((check) => check.verdict)).toEqual(['agreed']);
    expect(context['Execution']).toMatchObject({ Input: { order: 7 }, RedriveCount: 0 });
    expect(String(context['Execution']?.['Id'])).toMatch(/:execution:orders:/);
    expect(String(context['Execution']?.['Id']).endsWith(`:${String(context['Execution']?.['Name'])}`)).toBe(true);
    expect(context['StateMachine']?.['Name']).toBe('orders');
    expect(context['State']).toMatchObject({ Name: 'Charge', RetryCount: 0 });
    expect(Number.isNaN(Date.parse(String(context['State']?.['EnteredTime'])))).toBe(false);
  });

  it('replays a Parallel state’s success with the array of its branches’ outputs, and reports a different answer', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Comment: 'Both',
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Price', States: { Price: { Type: 'Pass', Result: { price: 3 }, End: true } } },
            {
              StartAt: 'Stock',
              States: { Stock: { Type: 'Pass', Result: { stock: 7 }, Next: 'Done' }, Done: { Type: 'Succeed' } },
            },
          ],
          End: true,
        },
      },
    };
    const agreed = await verifyDefinition(definition);
    expect(JSON.parse(String((agreed.sent('Both')?.['mock'] as { result: string } | undefined)?.result))).toEqual([
      { price: 3 },
      { stock: 7 },
    ]);
    expect(agreed.result.checks.map((check) => [check.stateName, check.path, check.verdict])).toEqual([['Both', 'result', 'agreed']]);

    const differed = await verifyDefinition(definition, (body) => ({ ...answerLikeAws(body), output: '[{"price":4},{"stock":7}]' }));
    expect(differed.result.checks[0]?.verdict).toBe('differed');
  });

  it('replays an inline Map’s success with its iterations’ outputs in index order', async () => {
    const { result, sent } = await verifyDefinition(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Comment: 'Each',
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: { StartAt: 'Wrap', States: { Wrap: { Type: 'Pass', Parameters: { 'n.$': '$' }, End: true } } },
            ResultPath: '$.wrapped',
            End: true,
          },
        },
      },
      answerLikeAws,
      '{ items: [1, 2, 3] }',
    );
    expect(JSON.parse(String((sent('Each')?.['mock'] as { result: string } | undefined)?.result))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(result.checks[0]?.expected?.output).toEqual({ items: [1, 2, 3], wrapped: [{ n: 1 }, { n: 2 }, { n: 3 }] });
  });
});
