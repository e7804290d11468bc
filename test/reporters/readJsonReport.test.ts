import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { mergeRunResults } from '../../src/cli/commands/mergeReports.js';
import { buildJsonReport } from '../../src/reporters/jsonReport.js';
import { buildJunitReport } from '../../src/reporters/junitReport.js';
import { runResultFromJsonReport } from '../../src/reporters/readJsonReport.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { shardItems } from '../../src/run/shard.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { packageRoot } from '../scenarios/publishedSchemas.js';

/** The JSON report without what it summarises rather than copies (nested workflows, async invocations). */
function comparable(report: Record<string, unknown>): Record<string, unknown> {
  const scenarios = (report['scenarios'] as Record<string, unknown>[]).map(
    ({ childExecutions: _children, asyncInvocations: _async, ...rest }) => rest,
  );
  return { ...report, scenarios };
}

describe('runResultFromJsonReport and mergeRunResults (chaos merge-reports)', () => {
  it('reads a JSON report back into the run result it was written from', async () => {
    const file = await loadScenarioFile(join(packageRoot, 'scenarios.yaml'), { cwd: packageRoot });
    const result = await runScenarios(file, { target: createLocalTarget() });
    const json = JSON.parse(JSON.stringify(buildJsonReport(result, { cwd: packageRoot }))) as Record<string, unknown>;
    const back = runResultFromJsonReport(json, packageRoot);
    expect(comparable(JSON.parse(JSON.stringify(buildJsonReport(back, { cwd: packageRoot }))) as Record<string, unknown>)).toEqual(
      comparable(json),
    );
  });

  it('merges the JSON reports of shards into the report of the whole run', async () => {
    const file = await loadScenarioFile(join(packageRoot, 'scenarios.yaml'), { cwd: packageRoot });
    const parts = [];
    for (const index of [1, 2, 3]) {
      const mine = new Set(
        shardItems(
          file.scenarios,
          { index, count: 3 },
          (scenario) => scenario.name,
          () => 0,
        ),
      );
      const run = await runScenarios(file, { target: createLocalTarget(), filter: (scenario) => mine.has(scenario) });
      parts.push(runResultFromJsonReport(JSON.parse(JSON.stringify(buildJsonReport(run, { cwd: packageRoot }))), packageRoot));
    }
    const merged = mergeRunResults(parts);
    expect(merged.scenarios.map((scenario) => scenario.name).sort()).toEqual(file.scenarios.map((scenario) => scenario.name).sort());
    expect(merged.scenarios.every((scenario) => scenario.verdict === 'passed')).toBe(true);
    expect(new Set(merged.runId.split('+')).size).toBe(3);
    const junit = buildJunitReport(merged, packageRoot);
    expect(junit.match(/<testcase /g)).toHaveLength(file.scenarios.length);
  });
});
