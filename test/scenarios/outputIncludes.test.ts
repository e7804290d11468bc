import { afterAll, describe, expect, it } from '@jest/globals';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../../src/errors.js';
import { buildJsonReport } from '../../src/reporters/jsonReport.js';
import { buildHtmlReport } from '../../src/reporters/htmlReport.js';
import { buildJunitReport } from '../../src/reporters/junitReport.js';
import { formatScenarioResult } from '../../src/reporters/consoleReport.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const template = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples/asteroids/template.yaml');

/** Asteroids with HTTPError on every download: ErrorState ends the execution with the caught `{ Error, Cause }`. */
function scenarioFile(expectYaml: string): string {
  return `stateMachines:
  asteroids:
    template: ${JSON.stringify(template)}
    resource: GetAsteroidsDataStepFunction
scenarios:
  - name: caught
    stateMachine: asteroids
    faults:
      - { function: downloadExoplanetsLambda, error: HTTPError, message: b00m }
    expect:
${expectYaml}
`;
}

async function run(expectYaml: string) {
  const dir = workspace({ 'scenarios.yaml': scenarioFile(expectYaml) });
  const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
  const result = await runScenarios(file, { target: createLocalTarget() });
  return { result, scenario: result.scenarios[0]! };
}

async function loadError(expectYaml: string): Promise<string> {
  const dir = workspace({ 'scenarios.yaml': scenarioFile(expectYaml) });
  const error = await loadScenarioFile('scenarios.yaml', { cwd: dir }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as Error).message;
}

describe('expect.outputIncludes', () => {
  it('passes when the output holds the listed keys, whatever the Cause text says', async () => {
    const { scenario } = await run('      status: SUCCEEDED\n      outputIncludes: { Error: HTTPError }');
    expect(scenario.failures).toEqual([]);
    expect(scenario.verdict).toBe('passed');
  });

  it('fails naming the path that differs, in every report', async () => {
    const { result, scenario } = await run('      outputIncludes: { Error: States.Timeout }');
    const message =
      'execution: expected output to include {"Error":"States.Timeout"}, but output.Error is "HTTPError" (expected "States.Timeout")';
    expect(scenario.failures.map((failure) => failure.message)).toEqual([message]);
    expect(scenario.failures[0]).toMatchObject({
      path: 'outputIncludes',
      expected: { Error: 'States.Timeout' },
      actual: { Error: 'HTTPError' },
    });
    expect(formatScenarioResult(scenario)).toContain(`    ${message}`);
    expect(JSON.stringify(buildJsonReport(result))).toContain('"path":"outputIncludes"');
    expect(buildJunitReport(result)).toContain('output.Error is &quot;HTTPError&quot;');
    expect(buildHtmlReport(result)).toContain('but output.Error is &quot;HTTPError&quot;');
  });

  it('fails on a key the output lacks', async () => {
    const { scenario } = await run('      outputIncludes: { error: { Error: HTTPError } }');
    expect(scenario.failures.map((failure) => failure.message)).toEqual([
      'execution: expected output to include {"error":{"Error":"HTTPError"}}, but output.error is missing',
    ]);
  });

  it('is refused with a status other than SUCCEEDED, beside output:, or as a scalar', async () => {
    expect(await loadError('      status: FAILED\n      outputIncludes: { Error: HTTPError }')).toBe(
      'scenarios.yaml:12:7: outputIncludes: applies to a SUCCEEDED execution, not to status FAILED',
    );
    expect(await loadError('      output: { Error: HTTPError }\n      outputIncludes: { Error: HTTPError }')).toBe(
      'scenarios.yaml:12:7: output: and outputIncludes: are both given; keep one (output is the whole output, outputIncludes a part of it)',
    );
    expect(await loadError('      outputIncludes: HTTPError')).toMatch(
      /outputIncludes must be a mapping \(or list\) the output must include/,
    );
  });
});
