/**
 * AWS target benchmark: a 50-scenario suite with --concurrency 10 against the nock stand-in of AWS
 * (test/targets/aws/fakeAws.ts) with a realistic 40 ms per call. Executions run for a set wall time
 * (input `durationMs`): one of 30 s, the others 1-5 s. The figures: AWS calls per scenario, by API,
 * and the suite's wall time against its longest scenario (goal: within 1.2x).
 *
 * Run it with jest (it reuses the TypeScript stand-in of the tests); the command is in
 * docs/benchmarks.md, section "AWS target".
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createAwsClients, createAwsTarget } from '../../src/targets/aws/index.js';
import { ACCOUNT, FakeAws, FUNCTION_ARN, MACHINE_ARN, REGION } from '../../test/targets/aws/fakeAws.js';

const SCENARIO_COUNT = 50;
const CONCURRENCY = 10;
const LATENCY_MS = 40;
const LONGEST_MS = 30_000;

function durationOf(index: number): number {
  return index === 0 ? LONGEST_MS : 1000 + ((index * 337) % 4000);
}

describe('AWS target benchmark', () => {
  it(`runs ${SCENARIO_COUNT} scenarios with --concurrency ${CONCURRENCY}`, async () => {
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-bench-'));
    writeFileSync(
      join(dir, 'checkout.asl.json'),
      JSON.stringify({ StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: FUNCTION_ARN, End: true } } }),
    );
    const scenarios = Array.from({ length: SCENARIO_COUNT }, (_, index) =>
      [
        `  - name: scenario ${index + 1}`,
        '    stateMachine: checkout',
        `    input: { durationMs: ${durationOf(index)} }`,
        '    expect: { status: SUCCEEDED, states: { Charge: { attempts: 1 } } }',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'scenarios.yaml'),
      `stateMachines:\n  checkout:\n    definition: checkout.asl.json\n    deployed: ${MACHINE_ARN}\nscenarios:\n${scenarios.join('\n')}\n`,
    );
    const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { requireHandlers: false });

    const fake = new FakeAws();
    fake.delayMs = LATENCY_MS;
    fake.install();
    const target = createAwsTarget({ allowedAccounts: new Set([ACCOUNT]), clients: createAwsClients({ region: REGION }) });
    const started = performance.now();
    const result = await runScenarios(file, { target, concurrency: CONCURRENCY });
    const wallMs = performance.now() - started;
    nock.cleanAll();
    nock.restore();

    const counts = new Map<string, number>();
    for (const call of fake.calls) counts.set(call, (counts.get(call) ?? 0) + 1);
    const perScenario = [...counts].map(([api, count]) => `${api} ${(count / SCENARIO_COUNT).toFixed(2)}`).join(', ');
    const ratio = wallMs / LONGEST_MS;
    process.stdout.write(
      [
        `aws-run: ${SCENARIO_COUNT} scenarios, --concurrency ${CONCURRENCY}, ${LATENCY_MS} ms per call`,
        `  verdicts: ${result.scenarios.filter((scenario) => scenario.verdict === 'passed').length} passed of ${SCENARIO_COUNT}`,
        `  AWS calls per scenario: ${(fake.calls.length / SCENARIO_COUNT).toFixed(2)} (${perScenario})`,
        `  wall time ${(wallMs / 1000).toFixed(2)} s, longest scenario ${(LONGEST_MS / 1000).toFixed(2)} s: ${ratio.toFixed(2)}x (goal <= 1.2x)`,
        '',
      ].join('\n'),
    );
    expect(result.scenarios.every((scenario) => scenario.verdict === 'passed')).toBe(true);
  }, 120_000);
});
