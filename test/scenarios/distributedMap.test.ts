import { afterAll, describe, expect, it } from '@jest/globals';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { formatScenarioResult } from '../../src/reporters/consoleReport.js';
import { buildJunitReport } from '../../src/reporters/junitReport.js';
import { buildJsonReport } from '../../src/reporters/jsonReport.js';
import { buildHtmlReport } from '../../src/reporters/htmlReport.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const example = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/distributed-orders');

/** The distributed-orders example's state machine, with `s3Objects` as given (YAML lines under the machine). */
function file(s3Objects: string, scenariosYaml: string): string {
  return `stateMachines:
  orders:
    definition: ${JSON.stringify(`${example}/statemachine.asl.json`)}
    functions:
      charge: { arn: "arn:aws:lambda:eu-central-1:123456789012:function:distributed-orders-charge", handler: ${JSON.stringify(`${example}/functions/charge.mjs#charge`)} }
${s3Objects}
scenarios:
${scenariosYaml}
`;
}

const csv = (rows: number, failing: (index: number) => boolean = () => false): string =>
  `orderId,region,amount\n${Array.from({ length: rows }, (_, index) => `o-${index},${failing(index) ? 'eu-south' : 'eu-central'},${index % 90}`).join('\n')}\n`;

describe('s3Objects: in scenario files', () => {
  it('reads an object from a file relative to the scenario file, and a scenario entry replaces the machine one', async () => {
    const dir = workspace({
      'data/orders.csv': csv(3),
      'scenarios.yaml': file(
        `    s3Objects:
      s3://distributed-orders-input/orders.csv: { file: data/orders.csv }`,
        `  - name: from the file
    expect: { status: SUCCEEDED, states: { Charge orders: { mapRun: { items: 3 } } } }
  - name: inline content wins
    s3Objects:
      s3://distributed-orders-input/orders.csv: { content: "orderId,region,amount\\no-1,eu-west,5\\n" }
    expect: { status: SUCCEEDED, states: { Charge orders: { mapRun: { items: 1 } } } }
`,
      ),
    });
    const loaded = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(loaded.stateMachines['orders']?.s3Objects?.['s3://distributed-orders-input/orders.csv']?.file).toBe(
      resolve(dir, 'data/orders.csv'),
    );
    const result = await runScenarios(loaded, { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.failures])).toEqual([
      ['passed', []],
      ['passed', []],
    ]);
  });

  it('writes content: that is not a string as its JSON text', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: 'b', Key: 'items.json' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Echo',
            States: { Echo: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    const dir = workspace({
      'map.asl.json': JSON.stringify(definition),
      'scenarios.yaml': `stateMachines:
  map: { definition: map.asl.json }
scenarios:
  - name: inline JSON
    s3Objects:
      s3://b/items.json: { content: [{ n: 1 }, { n: 2 }] }
    expect: { status: SUCCEEDED, output: [{ n: 1 }, { n: 2 }] }
  - name: no stand-in for the object
    expect: { status: FAILED, error: States.ItemReaderFailed }
`,
    });
    const result = await runScenarios(await loadScenarioFile('scenarios.yaml', { cwd: dir }), { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.failures])).toEqual([
      ['passed', []],
      ['passed', []],
    ]);
    expect(result.scenarios[1]?.execution?.cause).toContain('s3://b/items.json');
  });

  it('names the scenario file, the line and what to do when a file is missing', async () => {
    const dir = workspace({
      'scenarios.yaml': file(
        `    s3Objects:
      s3://distributed-orders-input/orders.csv: { file: data/missing.csv }`,
        '  - name: s\n    expect: { status: SUCCEEDED }\n',
      ),
    });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: dir })).rejects.toThrow(
      /^scenarios\.yaml:7:\d+: S3 object file data\/missing\.csv does not exist; create it or fix the path \(paths are relative to the scenario file\), or give the object inline with content:$/,
    );
  });

  it('refuses a key that is not s3://bucket/key, and an entry with both file: and content:', async () => {
    const badKey = workspace({
      'scenarios.yaml': file('    s3Objects:\n      orders.csv: { content: x }', '  - name: s\n    expect: { status: SUCCEEDED }\n'),
    });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: badKey })).rejects.toThrow(
      /scenarios\.yaml:7:7: "orders\.csv" is not an S3 object; write it as s3:\/\/bucket\/key/,
    );
    const both = workspace({
      'scenarios.yaml': file(
        '    s3Objects:\n      s3://b/k: { content: x, file: y.csv }',
        '  - name: s\n    expect: { status: SUCCEEDED }\n',
      ),
    });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: both })).rejects.toThrow(/has both file: and content:; keep one/);
  });
});

describe('Lambda faults in Distributed Map children', () => {
  it("reach the child's Retry: a fault on every first charge is retried, and every child succeeds", async () => {
    const dir = workspace({
      'orders.csv': csv(5),
      'scenarios.yaml': file(
        '    s3Objects:\n      s3://distributed-orders-input/orders.csv: { file: orders.csv }',
        `  - name: first charges time out
    faults:
      - { function: charge, error: PaymentGatewayTimeout, attempts: [1] }
    expect:
      status: SUCCEEDED
      states:
        Charge orders: { mapRun: { total: 5, succeeded: 5, failed: 0 } }
`,
      ),
    });
    const result = await runScenarios(await loadScenarioFile('scenarios.yaml', { cwd: dir }), { target: createLocalTarget() });
    expect([result.scenarios[0]?.verdict, result.scenarios[0]?.failures]).toEqual(['passed', []]);
    expect(result.scenarios[0]?.injectedFaults).toHaveLength(5);
  });
});

describe('mapRun: expectations', () => {
  it('refuses mapRun: on a state that is not a Distributed Map', async () => {
    const dir = workspace({
      'scenarios.yaml': file('', '  - name: s\n    expect: { states: { Batch charged: { mapRun: { total: 1 } } } }\n'),
    });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: dir })).rejects.toThrow(
      /state "Batch charged": mapRun: applies to a Distributed Map \(ProcessorConfig Mode DISTRIBUTED\), but it is a Pass state of orders/,
    );
  });

  it('refuses an expectation on a state of the ItemProcessor, which runs in the child executions', async () => {
    const dir = workspace({
      'scenarios.yaml': file('', '  - name: s\n    expect: { states: { Charge order: { attempts: 2 } } }\n'),
    });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: dir })).rejects.toThrow(
      /state "Charge order" runs in the child executions of the Distributed Map "Charge orders", not in this execution's history; expect their counts with "Charge orders": \{ mapRun:/,
    );
  });

  it('runs 10,000 items: the counts pass or fail, and the reports stay a few lines', async () => {
    const failing = (index: number): boolean => index % 1000 === 7;
    const dir = workspace({
      'orders.csv': csv(10_000, failing),
      'scenarios.yaml': file(
        `    s3Objects:
      s3://distributed-orders-input/orders.csv: { file: orders.csv }`,
        `  - name: ten declined of ten thousand
    faults:
      - { function: charge, error: PaymentDeclined, match: { "$.region": eu-south } }
    expect:
      status: SUCCEEDED
      states:
        Charge orders: { mapRun: { status: SUCCEEDED, items: 10000, total: 10000, succeeded: 9990, failed: 10 } }
  - name: wrong counts
    faults:
      - { function: charge, error: PaymentDeclined, match: { "$.region": eu-south } }
    expect:
      status: SUCCEEDED
      states:
        Charge orders: { mapRun: { succeeded: 10000, failed: 0 } }
`,
      ),
    });
    const loaded = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    const result = await runScenarios(loaded, { target: createLocalTarget() });
    const [passing, wrong] = result.scenarios;
    expect([passing?.verdict, passing?.failures]).toEqual(['passed', []]);
    expect(passing?.execution?.mapRuns?.[0]).toMatchObject({
      stateName: 'Charge orders',
      status: 'SUCCEEDED',
      itemCount: 10_000,
      executionCounts: { total: 10_000, succeeded: 9990, failed: 10, timedOut: 0, aborted: 0 },
    });
    expect(wrong?.verdict).toBe('failed');
    expect(wrong?.failures.map((failure) => [failure.path, failure.expected, failure.actual])).toEqual([
      ['states["Charge orders"].mapRun.succeeded', 10_000, 9990],
      ['states["Charge orders"].mapRun.failed', 0, 10],
    ]);
    expect(wrong?.failures[1]?.message).toMatch(
      /^states\["Charge orders"\]: expected 0 failed child executions in its Map Run, saw 10 \(10000 child executions: 9990 succeeded, 10 failed; arn:aws:states:.*:mapRun:.*, MapRunStarted id 4\)$/,
    );
    const consoleLines = result.scenarios.flatMap((scenario) => formatScenarioResult(scenario).split('\n'));
    expect(consoleLines.length).toBeLessThan(30);
    expect(consoleLines).toContain(
      '    Map Run of "Charge orders": SUCCEEDED, 10000 items, 10000 child executions: 9990 succeeded, 10 failed',
    );
    const junit = buildJunitReport(result, dir);
    expect(junit.split('\n').length).toBeLessThan(80);
    const json = JSON.stringify(buildJsonReport(result, { cwd: dir }));
    expect(json.length).toBeLessThan(60_000);
    const html = buildHtmlReport(result);
    expect(html).toContain('<p class="map-run">Map Run of &quot;Charge orders&quot;: SUCCEEDED, 10000 items');
    expect(html.length).toBeLessThan(200_000);
  });
});
