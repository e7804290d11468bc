import { afterAll, describe, expect, it } from '@jest/globals';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const example = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/nested-orders');

function file(scenariosYaml: string, extraMachines = ''): string {
  return `stateMachines:
  parent:
    definition: ${JSON.stringify(`${example}/parent.asl.json`)}
    functions:
      confirm: { arn: "arn:aws:lambda:eu-central-1:123456789012:function:nested-orders-confirm", handler: ${JSON.stringify(`${example}/functions/orders.mjs#confirm`)} }
  payment:
    name: nested-orders-payment
    definition: ${JSON.stringify(`${example}/payment.asl.json`)}
    functions:
      charge: { arn: "arn:aws:lambda:eu-central-1:123456789012:function:nested-orders-charge", handler: ${JSON.stringify(`${example}/functions/orders.mjs#charge`)} }
    services:
      dynamodb:putItem: { response: {} }
${extraMachines}
scenarios:
${scenariosYaml}
`;
}

describe('nested workflows in scenario files', () => {
  it('a fault on the child function fails the child, and the parent sees States.TaskFailed', async () => {
    const dir = workspace({
      'scenarios.yaml': file(`  - name: child fails
    stateMachine: parent
    input: { orderId: o, amount: 1 }
    faults:
      - { function: charge, error: PaymentDeclined, rate: 1 }
    expect:
      status: SUCCEEDED
      outputIncludes: { status: parked }
`),
    });
    const loaded = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(loaded.scenarios[0]?.faults[0]?.stateMachine).toBe('payment');
    const result = await runScenarios(loaded, { target: createLocalTarget() });
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('passed');
    const children = scenario.execution?.childExecutions ?? [];
    expect(children.map((child) => child.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(children[0]?.error).toBe('PaymentDeclined');
    expect(children[0]?.events.some((event) => event.type === 'LambdaFunctionFailed')).toBe(true);
  });

  it('job: stand-ins run a .sync job for their seconds and fail with States.TaskFailed', async () => {
    const dir = workspace({
      'job.asl.json': JSON.stringify({
        StartAt: 'Build',
        States: {
          Build: { Type: 'Task', Resource: 'arn:aws:states:::codebuild:startBuild.sync', Parameters: { ProjectName: 'p' }, End: true },
        },
      }),
      'scenarios.yaml': `stateMachines:
  build:
    definition: job.asl.json
    services:
      codebuild:startBuild: { response: { Build: { Id: b-1 } }, job: { seconds: 300, cause: "Build failed: exit status 1" } }
scenarios:
  - name: build fails
    stateMachine: build
    expect: { status: FAILED, error: States.TaskFailed, cause: "Build failed: exit status 1" }
`,
    });
    const loaded = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    const result = await runScenarios(loaded, { target: createLocalTarget() });
    const scenario = result.scenarios[0]!;
    expect(scenario.verdict).toBe('passed');
    const execution = scenario.execution!;
    expect((execution.stopDate?.getTime() ?? 0) - execution.startDate.getTime()).toBe(300_000);
  });
});
