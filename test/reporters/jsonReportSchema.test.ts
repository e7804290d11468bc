import { beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { join } from 'node:path';
import { computeCoverage } from '../../src/coverage/computeCoverage.js';
import { buildJsonReport } from '../../src/reporters/jsonReport.js';
import { JSON_REPORT_SCHEMA_VERSION, jsonReportSchema } from '../../src/reporters/jsonReportSchema.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { packageRoot, readPublishedSchema } from '../scenarios/publishedSchemas.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The published file, compiled as a user's tool would: strict, with date-time checked. */
function compilePublished(text: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('date-time', ISO_DATE_TIME);
  return ajv.compile(JSON.parse(text) as object);
}

describe('JSON report schema', () => {
  const { published, generated } = readPublishedSchema('json-report.schema.json', jsonReportSchema);
  let result: RunResult;

  beforeAll(async () => {
    const loaded = await loadScenarioFile(join(packageRoot, 'scenarios.yaml'), { cwd: packageRoot });
    const retried = loaded.scenarios.find((scenario) => scenario.name === 'HTTPError twice, then the download succeeds');
    if (!retried) throw new Error('scenarios.yaml lacks the HTTPError retry scenario');
    const failing = {
      ...retried,
      name: 'expects 5 attempts',
      expect: { ...retried.expect, states: { 'Download Exoplanets': { attempts: 5, at: retried.at } } },
    };
    const broken = { ...retried, name: 'names a state machine the file lacks', stateMachine: 'nowhere' };
    const file: ScenarioFile = { ...loaded, scenarios: [...loaded.scenarios, failing, broken] };
    const run = await runScenarios(file, { target: createLocalTarget() });
    const interrupted = new AbortController();
    interrupted.abort();
    const skipped = await runScenarios(
      { ...loaded, scenarios: [{ ...retried, name: 'never started' }] },
      { target: createLocalTarget(), signal: interrupted.signal },
    );
    const visitsDir = join(packageRoot, 'test/scenarios/fixtures/visits');
    const nested = await runScenarios(await loadScenarioFile(join(visitsDir, 'scenarios.yaml'), { cwd: visitsDir }), {
      target: createLocalTarget(),
    });
    result = { ...run, scenarios: [...run.scenarios, ...nested.scenarios, ...skipped.scenarios] };
    result = { ...result, coverage: computeCoverage(file, result) };
  });

  it('is published as schemas/json-report.schema.json, equal to the one in src (UPDATE_SCHEMAS=1 rewrites it)', () => {
    expect(published).toBe(generated);
  });

  it('accepts real reports: passed, failed, target error, skipped, failed attempts, states inside Map and Parallel, and coverage', () => {
    const report = JSON.parse(JSON.stringify(buildJsonReport(result, { cwd: packageRoot }))) as Record<string, unknown>;
    const validate = compilePublished(published);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const verdicts = (report['scenarios'] as { verdict: string }[]).map((scenario) => scenario.verdict);
    expect(new Set(verdicts)).toEqual(new Set(['passed', 'failed', 'error', 'skipped']));
    expect((report['scenarios'] as { failedAttempts?: unknown[] }[]).some((scenario) => (scenario.failedAttempts?.length ?? 0) > 0)).toBe(
      true,
    );
    const states = (report['scenarios'] as { states: Record<string, { enclosingState?: { iterationIndex?: number } }[]> }[]).flatMap(
      (scenario) => Object.values(scenario.states).flat(),
    );
    expect(states.some((state) => state.enclosingState?.iterationIndex === 2)).toBe(true);
  });

  it("carries a scenario's child executions (status, error, states, event count) and its async invocations", () => {
    const report = JSON.parse(JSON.stringify(buildJsonReport(result, { cwd: packageRoot }))) as Record<string, unknown>;
    const scenarios = report['scenarios'] as Record<string, unknown>[];
    const nested = scenarios.find(
      (scenario) => scenario['name'] === 'nested child fails every time, the parent retries it and its Catch parks the order',
    );
    const children = nested?.['childExecutions'] as Record<string, unknown>[] | undefined;
    expect(children).toHaveLength(3);
    expect(children?.[0]).toMatchObject({
      status: 'FAILED',
      error: 'PaymentDeclined',
      states: { 'Charge card': [{ attempts: 1, errors: ['PaymentDeclined'] }] },
    });
    expect(children?.[0]?.['eventCount']).toBeGreaterThan(0);
    expect(children?.[0]?.['executionArn']).toMatch(/:execution:nested-orders-payment:/);
    const async = scenarios.find(
      (scenario) => scenario['name'] === 'An asynchronous invoke never fails the state machine, whatever the function throws',
    );
    const [invocation] = (async?.['asyncInvocations'] ?? []) as Record<string, unknown>[];
    expect(invocation).toMatchObject({ stateName: 'Invoke' });
    expect(((invocation?.['attempts'] ?? []) as unknown[]).length).toBeGreaterThan(0);
  });

  it('rejects a report that breaks the contract', () => {
    const validate = compilePublished(published);
    const report = JSON.parse(JSON.stringify(buildJsonReport(result, { cwd: packageRoot }))) as Record<string, unknown>;
    expect(validate({ ...report, schemaVersion: JSON_REPORT_SCHEMA_VERSION + 1 })).toBe(false);
    expect(validate({ ...report, startedAt: 'yesterday' })).toBe(false);
    const [first, ...rest] = report['scenarios'] as Record<string, unknown>[];
    expect(validate({ ...report, scenarios: [{ ...first, verdict: 'flaky' }, ...rest] })).toBe(false);
  });

  it('names its version and the scenario file relative to the folder it ran in', () => {
    const report = buildJsonReport(result, { cwd: packageRoot });
    expect(report['schemaVersion']).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(report['file']).toBe('scenarios.yaml');
    expect(buildJsonReport(result, { cwd: join(packageRoot, 'docs') })['file']).toBe(join('..', 'scenarios.yaml'));
  });
});
