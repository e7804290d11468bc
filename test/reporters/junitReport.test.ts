import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJunitReport } from '../../src/reporters/junitReport.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { validateXML } from 'xmllint-wasm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The `<testcase>` element (with its body) of one scenario. */
function testCase(xml: string, name: string): string {
  const start = xml.indexOf(`name="${name}"`);
  if (start < 0) throw new Error(`no testcase ${name}`);
  const open = xml.lastIndexOf('<testcase', start);
  const selfClosed = xml.indexOf('/>', start);
  const closed = xml.indexOf('</testcase>', start);
  const end =
    closed >= 0 && (selfClosed < 0 || closed < selfClosed || xml.slice(start, selfClosed).includes('>'))
      ? closed + '</testcase>'.length
      : selfClosed + 2;
  return xml.slice(open, end);
}

/** Jenkins' JUnit schema; see test/fixtures/junit/SOURCE.md. */
const jenkinsJunitSchema = readFileSync(join(root, 'test/fixtures/junit/junit-10.xsd'), 'utf8');

/** What libxml2's xmllint (compiled to WebAssembly) says of a report against junit-10.xsd: the problems, one line each. */
async function xsdProblems(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: jenkinsJunitSchema }],
  });
  return result.errors.map((error) => error.message);
}

/** Every `name="value"` attribute of the report, as [name, value]. */
function attributes(xml: string): Array<[string, string]> {
  return [...xml.matchAll(/\s([\w-]+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']);
}

describe('Function: buildJunitReport', () => {
  let xml: string;
  let result: RunResult;

  beforeAll(async () => {
    const loaded = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
    const named = (name: string) => loaded.scenarios.find((scenario) => scenario.name === name);
    const passing = named('HTTPError exhausts retries and lands in ErrorState');
    const retried = named('HTTPError twice, then the download succeeds');
    if (!passing || !retried) throw new Error('scenarios.yaml lacks the asteroids HTTPError scenarios');
    const failing = {
      ...retried,
      name: 'expects 5 attempts',
      expect: { ...retried.expect, states: { 'Download Exoplanets': { attempts: 5, at: retried.at } } },
    };
    const broken = { ...retried, name: 'names a state machine the file lacks', stateMachine: 'nowhere' };
    const file: ScenarioFile = { ...loaded, scenarios: [passing, failing, broken] };
    const run = await runScenarios(file, { target: createLocalTarget() });
    const interrupted = new AbortController();
    interrupted.abort();
    const skipped = await runScenarios(
      { ...loaded, scenarios: [{ ...passing, name: 'never started' }] },
      { target: createLocalTarget(), signal: interrupted.signal },
    );
    result = { ...run, scenarios: [...run.scenarios, ...skipped.scenarios] };
    xml = buildJunitReport(result, root);
  });

  it('writes one testsuite for the file and one testcase per scenario', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml).toMatch(/<testsuite name="scenarios.yaml"[^>]* tests="4" failures="1" errors="1" skipped="1"/);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('<property name="target" value="local"/>');
  });

  it('passes a scenario whose expectations hold, with its timeline in system-out', () => {
    const passed = testCase(xml, 'HTTPError exhausts retries and lands in ErrorState');
    expect(passed).toContain('classname="asteroids"');
    expect(passed).not.toContain('<failure');
    expect(passed).toContain('<system-out><![CDATA[execution chaos-');
    expect(passed).toContain('Download Exoplanets (visit 1): 4 attempts, caught → ErrorState');
  });

  it('fails a scenario with expected against actual and the timeline', () => {
    const failed = testCase(xml, 'expects 5 attempts');
    expect(failed).toMatch(
      /<failure message="states\[&quot;Download Exoplanets&quot;\]: expected 5 attempts, saw 3 \(LambdaFunctionScheduled ids [\d, ]+\)" type="ExpectationFailed">/,
    );
    expect(failed).toContain('  expected: 5\n  actual:   3');
    expect(failed).toMatch(/#3 t\+30s\s+succeeded/);
  });

  it('reports a target failure as an error and an interrupted scenario as skipped', () => {
    expect(testCase(xml, 'names a state machine the file lacks')).toContain(
      '<error message="unknown state machine &quot;nowhere&quot;" type="TargetError">',
    );
    const skipped = testCase(xml, 'never started');
    expect(skipped).toContain('<skipped/>');
    expect(skipped).toContain('skipped: the run was interrupted before this scenario started');
  });

  it("is valid against Jenkins' junit-10.xsd", async () => {
    await expect(xsdProblems(xml)).resolves.toEqual([]);
  });

  it('is checked by a validator that does catch what junit-10.xsd forbids', async () => {
    const problems = await xsdProblems(
      '<testsuites skipped="0"><testsuite name="x" tests="1"><testcase name="y"><flaky/></testcase></testsuite></testsuites>',
    );
    expect(problems.some((problem) => problem.includes("attribute 'skipped' is not allowed"))).toBe(true);
  });

  it('writes counts as whole numbers and times as seconds with at most millisecond digits', () => {
    const noisy: RunResult = {
      ...result,
      scenarios: result.scenarios.map((scenario) => ({ ...scenario, wallTimeMs: (0.1 + 0.2) * 1000 })),
    };
    const noisyXml = buildJunitReport(noisy, root);
    const times = attributes(noisyXml)
      .filter(([name]) => name === 'time')
      .map(([, value]) => value);
    expect(times.length).toBeGreaterThan(4);
    for (const time of times) expect(time).toMatch(/^\d+(\.\d{1,3})?$/);
    const caseTimes = [...noisyXml.matchAll(/<testcase [^>]*\btime="([^"]*)"/g)].map((match) => match[1]);
    expect(caseTimes).toEqual(['0.3', '0.3', '0.3', '0.3']);
    for (const [name, value] of attributes(noisyXml)) {
      if (['tests', 'failures', 'errors', 'skipped'].includes(name)) expect(value).toMatch(/^\d+$/);
    }
  });
});
