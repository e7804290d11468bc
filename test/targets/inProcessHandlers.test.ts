import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

const handler = fileURLToPath(new URL('./fixtures/threadOf.mjs', import.meta.url));

async function twoScenarios() {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-in-process-'));
  writeFileSync(
    join(dir, 'machine.asl.json'),
    JSON.stringify({
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:work', End: true } },
    }),
  );
  writeFileSync(
    join(dir, 'scenarios.yaml'),
    [
      'stateMachines:',
      '  m:',
      '    definition: machine.asl.json',
      '    functions:',
      `      work: { arn: 'arn:aws:lambda:us-east-1:123456789012:function:work', handler: '${handler}#handler' }`,
      'scenarios:',
      '  - { name: first, expect: { status: SUCCEEDED } }',
      '  - { name: second, expect: { status: SUCCEEDED } }',
      '',
    ].join('\n'),
  );
  return loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
}

describe('local target failedAttempts: false', () => {
  it('leaves out the match of failed attempts with the fault ledger, which the default makes', async () => {
    const file = await twoScenarios();
    const plain = { ...file, scenarios: file.scenarios.map((scenario) => ({ ...scenario, faults: [] })) };
    const off = await runScenarios(plain, { target: createLocalTarget({ failedAttempts: false }) });
    const on = await runScenarios(plain, { target: createLocalTarget() });
    expect(off.scenarios.map((scenario) => scenario.execution?.failedAttempts)).toEqual([undefined, undefined]);
    expect(on.scenarios.map((scenario) => scenario.execution?.failedAttempts)).toEqual([[], []]);
  });
});

describe("local target handlers: 'in-process'", () => {
  it('calls the handler in the calling thread, module state kept from one scenario to the next', async () => {
    const run = await runScenarios(await twoScenarios(), { target: createLocalTarget({ handlers: 'in-process' }) });
    expect(run.scenarios.map((scenario) => JSON.parse(scenario.execution?.output ?? 'null'))).toEqual([
      { isMainThread: true, invocations: 1 },
      { isMainThread: true, invocations: 2 },
    ]);
  });

  it('by default runs it in its own execution environment (a worker thread)', async () => {
    const run = await runScenarios(await twoScenarios(), { target: createLocalTarget() });
    expect(run.scenarios.map((scenario) => JSON.parse(scenario.execution?.output ?? 'null'))).toEqual([
      { isMainThread: false, invocations: 1 },
      { isMainThread: false, invocations: 2 },
    ]);
  });
});
