import { beforeAll, describe, expect, it } from '@jest/globals';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRunSummary } from '../../src/reporters/consoleReport.js';
import { buildHtmlReport } from '../../src/reporters/htmlReport.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { describeAwsPlan } from '../../src/targets/aws/describeAwsPlan.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('counts in the console, HTML and dry-run output agree with their number', () => {
  let file: ScenarioFile;
  let one: RunResult;
  let two: RunResult;

  beforeAll(async () => {
    const loaded = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
    const [first] = loaded.scenarios;
    if (!first) throw new Error('scenarios.yaml has no scenario');
    // One scenario whose state machine the file lacks: one scenario, one target error.
    file = { ...loaded, scenarios: [{ ...first, stateMachine: 'nowhere' }] };
    one = await runScenarios(file, { target: createLocalTarget() });
    two = await runScenarios(
      { ...file, scenarios: [...file.scenarios, { ...first, name: 'again', stateMachine: 'nowhere' }] },
      { target: createLocalTarget() },
    );
  });

  it('the console summary says "1 scenario" and "1 target error"', () => {
    expect(formatRunSummary(one)).toMatch(/^1 scenario on the local target: .* \(1 target error\)$/m);
  });

  it('the console summary says "2 scenarios" and "2 target errors"', () => {
    expect(formatRunSummary(two)).toMatch(/^2 scenarios on the local target: .* \(2 target errors\)$/m);
  });

  it('the HTML report says "1 scenario" and "1 error", "2 errors"', () => {
    const html = buildHtmlReport(one, { cwd: root });
    expect(html).toContain('<p class="run">1 scenario on the local target');
    expect(html).toContain('>1 error</span>');
    expect(buildHtmlReport(two, { cwd: root })).toContain('>2 errors</span>');
  });

  it('the dry run says "1 scenario"', () => {
    expect(describeAwsPlan(file, file.scenarios, new Set())).toMatch(/^dry run: 1 scenario; no AWS call was made$/m);
  });
});
