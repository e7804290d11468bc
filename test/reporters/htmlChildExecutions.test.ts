import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { buildHtmlReport } from '../../src/reporters/htmlReport.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { packageRoot } from '../scenarios/publishedSchemas.js';

describe('HTML report of nested workflows', () => {
  it("draws each child execution under its parent's scenario, titled with its status and error, with its attempts timeline", async () => {
    const file = await loadScenarioFile(join(packageRoot, 'scenarios.yaml'), { cwd: packageRoot });
    const result = await runScenarios(file, {
      target: createLocalTarget(),
      filter: (scenario) => scenario.name === 'nested child fails every time, the parent retries it and its Catch parks the order',
    });
    const html = buildHtmlReport(result, { cwd: packageRoot });
    const blocks = html.split('<details class="child-execution"').slice(1);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      expect(block).toMatch(/^ data-status="FAILED" open>/);
      expect(block).toMatch(/\(nested-orders-payment\): <b class="child-status">FAILED<\/b> PaymentDeclined<\/summary>/);
      expect(block).toContain('Charge card');
      expect(block).toContain('attempt-failed');
    }
  });
});
