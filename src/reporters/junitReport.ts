import { writeReportFile, type Reporter } from './Reporter.js';
import { relative } from 'node:path';
import type { TestCase } from 'junit-report-builder';
import { junitBuilder } from './junitBuilder.js';
import { formatTimeline, roundToMilliseconds } from '../assertions/index.js';
import type { StateVisit } from '../assertions/types.js';
import type { RunResult, ScenarioResult } from '../run/runScenarios.js';
import { mapRunLines } from './mapRunLines.js';

/** CI tools show the message attribute on one line; the full text is in the element body. */
const MAX_MESSAGE_LENGTH = 500;

/**
 * Builds a JUnit XML report of a run: one `<testsuite>` for the scenario file, one `<testcase>` per scenario
 * (classname: the state machine). A failed expectation is a `<failure>` with expected against actual; a
 * scenario the target could not run is an `<error>`; an interrupted one is `<skipped>`. `<system-out>`
 * holds the attempts timeline of every state that retried, was caught or failed.
 *
 * @example
 * ```ts
 * const xml = buildJunitReport(await runScenarios(file, { target: createLocalTarget() }));
 * ```
 */
export function buildJunitReport(result: RunResult, cwd: string = process.cwd()): string {
  const report = junitBuilder().newBuilder();
  const suite = report
    .testSuite()
    .name(relative(cwd, result.file) || result.file)
    .timestamp(result.startedAt)
    .time(roundToMilliseconds((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000))
    .property('target', result.target)
    .property('runId', result.runId);
  for (const scenario of result.scenarios) addTestCase(suite.testCase(), scenario);
  return withoutRootSkipped(report.build());
}

/**
 * The builder counts `skipped` on `<testsuites>` too, but Jenkins' junit-10.xsd (the schema its JUnit and
 * xUnit plugins validate with) allows only name, time, tests, failures, disabled and errors there. The
 * count stays on `<testsuite>`, where the schema allows it.
 */
function withoutRootSkipped(xml: string): string {
  return xml.replace(/(<testsuites\b[^>]*?) skipped="\d+"/, '$1');
}

function addTestCase(testCase: TestCase, scenario: ScenarioResult): void {
  testCase
    .className(scenario.stateMachine)
    .name(scenario.name)
    .time(roundToMilliseconds(scenario.wallTimeMs / 1000));
  const timelines = timelineText(scenario.analysis?.visits ?? []);
  switch (scenario.verdict) {
    case 'passed':
      break;
    case 'failed': {
      const messages = scenario.failures.map((failure) => failure.message);
      const details = scenario.failures.map((failure) =>
        [
          failure.message,
          `  expected: ${JSON.stringify(failure.expected)}`,
          `  actual:   ${JSON.stringify(failure.actual) ?? 'nothing'}`,
        ].join('\n'),
      );
      testCase.failure(shorten(messages.join('; ')), 'ExpectationFailed').stacktrace([...details, '', timelines].join('\n').trimEnd());
      break;
    }
    case 'error':
      testCase.error(shorten(scenario.error ?? 'the target failed to run the scenario'), 'TargetError', scenario.error ?? '');
      break;
    case 'skipped':
      testCase.skipped();
      break;
  }
  const execution = scenario.execution;
  const out = [
    execution ? `execution ${execution.name}: ${execution.status}${execution.error === undefined ? '' : ` with ${execution.error}`}` : '',
    scenario.verdict === 'skipped' ? `skipped: ${scenario.error ?? ''}` : '',
    ...mapRunLines(execution?.mapRuns ?? []),
    timelines,
  ].filter((part) => part !== '');
  if (out.length > 0) testCase.standardOutput(out.join('\n'));
}

/** Timelines of the visits worth reading: retried, caught or failed. */
function timelineText(visits: StateVisit[]): string {
  return visits
    .filter((visit) => visit.attempts.length > 1 || visit.outcome !== 'succeeded')
    .map((visit) => formatTimeline(visit))
    .join('\n');
}

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}

/** Writes the JUnit report to `path`, creating its folder; paths in it are relative to `cwd`. */
export async function writeJunitReport(result: RunResult, path: string, cwd: string = process.cwd()): Promise<void> {
  await writeReportFile(path, buildJunitReport(result, cwd));
}

/** `--reporter junit`: JUnit XML for CI test tabs, valid against Jenkins' junit-10.xsd. */
export const junitReporter: Reporter = {
  name: 'junit',
  extension: '.xml',
  write: (result, path, context) => writeJunitReport(result, path, context.cwd),
};
