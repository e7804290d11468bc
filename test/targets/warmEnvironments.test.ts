import { afterEach, describe, expect, it } from '@jest/globals';
import { BroadcastChannel } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { ExecutionEnvironment } from '../../src/targets/local/runtime/ExecutionEnvironment.js';
import { arnOf, eventsOfType, parsed, run, singleTask } from '../engine/helpers.js';

/**
 * Execution environments started ahead of the first invocation (`ExecutionEnvironment.warm`, the local target's
 * `prepare`): the thread starts and imports the handler module before any scenario runs, and the first invocation
 * is still the module's first.
 */
const file = fileURLToPath(new URL('./fixtures/announcesImport.mjs', import.meta.url));
const closing: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** Resolves when a thread other than this one has imported the fixture. */
function nextWorkerImport(): Promise<void> {
  const channel = new BroadcastChannel('sfn-chaos-test-announces-import');
  closing.push(() => channel.close());
  return new Promise((resolve) => {
    channel.onmessage = (message) => {
      if ((message as { data: { isMainThread: boolean } }).data.isMainThread === false) resolve();
    };
  });
}

describe('Method: ExecutionEnvironment.warm', () => {
  it('starts the environment and imports the handler before any invocation; the first invocation is still its first', async () => {
    const imported = nextWorkerImport();
    const environment = new ExecutionEnvironment({ file, exportName: 'handler' });
    closing.push(() => environment.close());
    environment.warm();
    await imported;
    environment.warm(); // already running: no second environment
    const result = await run(singleTask('work'), [
      {
        name: 'work',
        arn: arnOf('work'),
        timeoutSeconds: 3,
        invoke: (payload, context) => environment.invoke(payload, context),
        stop: (context) => environment.stop(context),
      },
    ]);
    expect(result.status).toBe('SUCCEEDED');
    expect(
      eventsOfType(result, 'LambdaFunctionSucceeded').map((event) => parsed(event.lambdaFunctionSucceededEventDetails?.output)),
    ).toEqual([{ invocations: 1 }]);
  });
});

describe('Function: createLocalTarget, prepare', () => {
  it("starts the environments of the run's functions before the first scenario", async () => {
    const scenarioFile = await loadScenarioFile(fileURLToPath(new URL('./fixtures/warm.scenarios.yaml', import.meta.url)), {
      text: [
        'stateMachines:',
        '  one:',
        '    definition: announcesImport.asl.json',
        '    functions:',
        `      work: { arn: "${arnOf('work')}", handler: announcesImport.mjs#handler }`,
        'scenarios:',
        '  - name: runs once',
        '    expect: { status: SUCCEEDED }',
        '',
      ].join('\n'),
    });
    const imported = nextWorkerImport();
    const target = createLocalTarget();
    await target.prepare?.({ file: scenarioFile, scenarios: scenarioFile.scenarios, runId: 'warm-test' });
    await imported;
    const [scenario] = scenarioFile.scenarios;
    const stateMachine = scenario === undefined ? undefined : scenarioFile.stateMachines[scenario.stateMachine];
    if (scenario === undefined || stateMachine === undefined) throw new Error('the file has one scenario');
    const execution = await target.runScenario({ file: scenarioFile, scenario, stateMachine, runId: 'warm-test', index: 0 });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ invocations: 1 });
  });
});

describe('Function: createLocalTarget, warmUp', () => {
  it('starts the execution environment of a handler the scenario file names, while the file loads', async () => {
    const imported = nextWorkerImport();
    createLocalTarget().warmUp?.({ file, exportName: 'handler' });
    await expect(imported).resolves.toBeUndefined();
  });
});
