import { afterAll, describe, expect, it } from '@jest/globals';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCoverage } from '../../src/coverage/computeCoverage.js';
import { buildRetryPlan } from '../../src/plan/buildRetryPlan.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from '../scenarios/workspace.js';
import { readFileSync } from 'node:fs';

afterAll(removeWorkspaces);

const example = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/distributed-orders');

describe('Distributed Map ItemProcessor states in chaos plan and --coverage', () => {
  it('plans them as states whose uncaught errors fail their child execution', () => {
    const plan = buildRetryPlan(JSON.parse(readFileSync(`${example}/statemachine.asl.json`, 'utf8')));
    const inner = plan.states.find((state) => state.name === 'Charge order');
    expect(inner?.enclosingState).toBe('Charge orders');
    expect(new Set(inner?.errors.map((row) => row.uncaughtEffect))).toEqual(
      new Set(['fails its child execution (a failed item of the Map Run)']),
    );
    const map = plan.states.find((state) => state.name === 'Charge orders');
    expect(map?.errors.find((row) => row.errorName === 'States.ALL')?.notes).toEqual([
      'its ItemReader reads s3://distributed-orders-input/orders.csv (s3:getObject); a local run reads it from s3Objects: in the scenario file, and without one the Map Run fails with States.ItemReaderFailed, as on AWS for a missing object',
    ]);
  });

  it("counts the Retry rules that fired in the Map Run's child executions", async () => {
    const dir = workspace({
      'orders.csv': 'orderId,region,amount\no-1,eu-west,5\no-2,eu-west,6\no-3,eu-west,7\n',
      'scenarios.yaml': `stateMachines:
  orders:
    definition: ${JSON.stringify(`${example}/statemachine.asl.json`)}
    functions:
      charge: { arn: "arn:aws:lambda:eu-central-1:123456789012:function:distributed-orders-charge", handler: ${JSON.stringify(`${example}/functions/charge.mjs#charge`)} }
    s3Objects:
      s3://distributed-orders-input/orders.csv: { file: orders.csv }
scenarios:
  - name: first charges time out
    faults:
      - { function: charge, error: PaymentGatewayTimeout, attempts: [1] }
    expect: { status: SUCCEEDED }
`,
    });
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    const result = await runScenarios(file, { target: createLocalTarget() });
    const coverage = computeCoverage(file, result);
    const inner = coverage.stateMachines[0]?.states.find((state) => state.name === 'Charge order');
    const retry = inner?.rules.find((rule) => rule.kind === 'Retry' && rule.errorEquals.includes('PaymentGatewayTimeout'));
    expect(retry).toMatchObject({ fired: 3, scenarios: ['first charges time out'] });
  });
});
