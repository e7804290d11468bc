import { relative } from 'node:path';
import { junitBuilder } from '../../reporters/junitBuilder.js';
import { writeReportFile, type Reporter } from '../../reporters/Reporter.js';
import { formatVerifyCheck } from '../formatVerify.js';
import type { VerifyResult } from '../types.js';

/**
 * The JUnit report of `chaos verify`: one `<testcase>` per check (classname: the scenario; name: state,
 * visit, attempt and path). `differed` is a `<failure>`, a failed TestState call an `<error>`, and
 * `notVerifiable` or `skipped` a `<skipped>` with the reason.
 *
 * @example
 * ```ts
 * const xml = buildVerifyJunitReport(result);
 * ```
 */
export function buildVerifyJunitReport(result: VerifyResult, cwd: string = process.cwd()): string {
  const report = junitBuilder().newBuilder();
  const suite = report
    .testSuite()
    .name(`verify ${relative(cwd, result.file) || result.file}`)
    .timestamp(result.startedAt);
  for (const entry of result.scenarioErrors) suite.testCase().className(entry.scenario).name('local run').error(entry.error);
  for (const check of result.checks) {
    const testCase = suite
      .testCase()
      .className(check.scenario)
      .name(`${check.stateName} visit ${check.visit} attempt ${check.attempt} (${check.path})`);
    const line = formatVerifyCheck(check).trim();
    if (check.verdict === 'differed') testCase.failure(line);
    else if (check.verdict === 'error') testCase.error(line);
    else if (check.verdict === 'notVerifiable' || check.verdict === 'skipped') testCase.skipped().standardOutput(line);
  }
  return report.build();
}

export const verifyJunitReporter: Reporter<VerifyResult> = {
  name: 'junit',
  extension: '.xml',
  write: (result, path, context) => writeReportFile(path, buildVerifyJunitReport(result, context.cwd)),
};
