import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const definition = JSON.stringify({
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Declined' }],
      End: true,
    },
    Declined: { Type: 'Pass', End: true },
  },
});

const handler = 'export async function charge(event) { return { charged: event.orderId }; }\n';

function scenarioFile(faultLine: string): string {
  return `stateMachines:
  payments:
    definition: statemachine.asl.json
    functions:
      charge:
        arn: arn:aws:lambda:us-east-1:123456789012:function:charge
        handler: charge.mjs#charge
scenarios:
  - name: order 1 is declined
    input: { orderId: order-1 }
    faults:
      - ${faultLine}
    expect:
      states:
        Charge: { caughtBy: Declined }
  - name: order 2 goes through
    input: { orderId: order-2 }
    faults:
      - ${faultLine}
    expect:
      states:
        Charge: { outcome: succeeded }
`;
}

describe('scenario faults share the injector schema: match and cause', () => {
  it('fires a fault only for payloads its match rule selects', async () => {
    const dir = workspace({
      'statemachine.asl.json': definition,
      'charge.mjs': handler,
      'scenarios.yaml': scenarioFile('{ function: charge, error: CardDeclined, match: { "$.orderId": order-1 }, cause: { code: 402 } }'),
    });
    const file = await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
    expect(file.scenarios[0]?.faults[0]?.rule).toMatchObject({
      kind: 'error',
      errorName: 'CardDeclined',
      match: { '$.orderId': 'order-1' },
      cause: { code: 402 },
    });
    const result = await runScenarios(file, { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => [scenario.name, scenario.verdict, scenario.failures])).toEqual([
      ['order 1 is declined', 'passed', []],
      ['order 2 goes through', 'passed', []],
    ]);
    expect(result.scenarios[1]?.injectedFaults).toEqual([]);
  });

  it('rejects a match rule the injector would reject, in one line at the fault', async () => {
    const dir = workspace({
      'statemachine.asl.json': definition,
      'charge.mjs': handler,
      'scenarios.yaml': scenarioFile('{ function: charge, error: CardDeclined, match: { orderId: order-1 } }'),
    });
    const loading = loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir });
    await expect(loading).rejects.toThrow(InvalidInputError);
    await expect(loading).rejects.toThrow(/^scenarios\.yaml:12:\d+: .*match.*\$/);
  });

  it('rejects cause on a fault that throws no error of its own', async () => {
    const dir = workspace({
      'statemachine.asl.json': definition,
      'charge.mjs': handler,
      'scenarios.yaml': scenarioFile('{ function: charge, throttle: true, cause: { code: 429 } }'),
    });
    await expect(loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir })).rejects.toThrow(
      /cause: applies only to error faults, not to throttle/,
    );
  });
});
