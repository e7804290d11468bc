import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { conformanceCommand } from '../../../src/cli/commands/conformance.js';
import { runCommand } from '../../../src/cli/commands/run.js';
import { useFakeAwsEnvironment } from './awsTestEnvironment.js';
import { awsShapedHistory } from './awsShapedHistory.js';
import { CHECKOUT_DEFINITION, ACCOUNT, FakeAws, MACHINE_ARN, REGION } from './fakeAws.js';
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
`;

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

let scenarioPath: string;

useFakeAwsEnvironment();

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-record-'));
  writeFileSync(join(dir, 'checkout.asl.json'), JSON.stringify(DEFINITION));
  writeFileSync(join(dir, 'scenarios.yaml'), SCENARIOS);
  scenarioPath = join(dir, 'scenarios.yaml');
});

async function recordOnFakeAws(machineType: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Promise<string> {
  const fake = new FakeAws();
  fake.machineType = machineType;
  fake.describesBeforeDone = 0;
  // What AWS answers GetExecutionHistory with: every field, as the local engine writes them.
  const events = await awsShapedHistory(DEFINITION, '{"order":1}', 'PaymentError');
  fake.onStart = (execution) => {
    execution.events = events as unknown as typeof execution.events;
  };
  fake.install();
  const record = mkdtempSync(join(tmpdir(), 'sfn-chaos-recorded-'));
  const exitCode = await runCommand({
    file: scenarioPath,
    target: 'aws',
    reporters: ['console'],
    allowAccounts: [ACCOUNT],
    region: REGION,
    record,
  });
  expect(exitCode).toBe(0);
  return record;
}

describe('chaos run --target aws --record DIR', () => {
  it('writes each scenario in the recorded layout, with placeholders, which chaos conformance replays locally and matches', async () => {
    const record = await recordOnFakeAws();
    expect(readdirSync(record)).toEqual(['paymenterror-is-retried-twice-and-caught']);
    const folder = join(record, 'paymenterror-is-retried-twice-and-caught');
    expect(readdirSync(folder).sort()).toEqual(['definition.json', 'faults.json', 'history.json', 'meta.json']);
    const history = JSON.parse(readFileSync(join(folder, 'history.json'), 'utf8')) as Record<string, unknown>[];
    const text = JSON.stringify(history);
    expect(text).not.toContain(ACCOUNT === '111111111111' ? 'function:charge' : ACCOUNT);
    expect(text).toContain('<lambda_function_name>');
    expect(Date.parse(String(history[0]?.['timestamp']))).not.toBeNaN();
    expect(JSON.parse(readFileSync(join(folder, 'faults.json'), 'utf8'))).toEqual([
      { function: '<lambda_function_name>', rule: expect.objectContaining({ kind: 'error', errorName: 'PaymentError' }) },
    ]);

    const out = capture();
    const code = await conformanceCommand({ dir: record }, out.stream);
    expect(out.text()).toMatch(/^1 of 1 cases match/m);
    expect(code).toBe(0);
  });

  it('a recorded case that differs from the local run is reported with both events side by side, and exits 1', async () => {
    const record = await recordOnFakeAws();
    const path = join(record, 'paymenterror-is-retried-twice-and-caught', 'history.json');
    const history = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
    const failed = history.find((event) => event['type'] === 'LambdaFunctionFailed') as Record<string, Record<string, unknown>>;
    failed['lambdaFunctionFailedEventDetails'] = { ...failed['lambdaFunctionFailedEventDetails'], error: 'AlteredError' };
    writeFileSync(path, JSON.stringify(history));

    const out = capture();
    const code = await conformanceCommand({ dir: record }, out.stream);
    expect(code).toBe(1);
    expect(out.text()).toMatch(/✗ paymenterror-is-retried-twice-and-caught: first difference at event \d+: .*LambdaFunctionFailed/);
    expect(out.text()).toMatch(/"error": "AlteredError" +≠ +"error": "PaymentError"/);
    expect(out.text()).toMatch(/^0 of 1 cases match/m);
  });

  it('records an Express execution from the events its log group held, which chaos conformance replays and matches', async () => {
    const record = await recordOnFakeAws('EXPRESS');
    const folder = join(record, 'paymenterror-is-retried-twice-and-caught');
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta['state_machine_type']).toBe('EXPRESS');
    expect(String(meta['description'])).toContain('an Express deployed state machine');
    const history = JSON.parse(readFileSync(join(folder, 'history.json'), 'utf8')) as Record<string, unknown>[];
    expect(history.map((event) => event['type'])).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'LambdaFunctionFailed', 'ExecutionSucceeded']),
    );
    expect(JSON.stringify(history)).toContain('<lambda_function_name>');

    const out = capture();
    const code = await conformanceCommand({ dir: record }, out.stream);
    expect(out.text()).toMatch(/^1 of 1 cases match/m);
    expect(code).toBe(0);
  });
});
