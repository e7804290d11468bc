import { writeReportFile, type Reporter } from '../../reporters/Reporter.js';
import type { VerifyResult } from '../types.js';

/**
 * The JSON report of `chaos verify`: the file, times, and every check with its request, the engine's
 * outcome (`expected`), AWS's (`actual`), the differences and the verdict.
 *
 * @example
 * ```ts
 * JSON.stringify(buildVerifyJsonReport(result)); // '{"kind":"verify","file":…,"checks":[…]}'
 * ```
 */
export function buildVerifyJsonReport(result: VerifyResult): Record<string, unknown> {
  return {
    kind: 'verify',
    file: result.file,
    startedAt: result.startedAt.toISOString(),
    finishedAt: result.finishedAt.toISOString(),
    ...(result.region !== undefined ? { region: result.region } : {}),
    dryRun: result.dryRun,
    scenarioErrors: result.scenarioErrors,
    checks: result.checks,
  };
}

export const verifyJsonReporter: Reporter<VerifyResult> = {
  name: 'json',
  extension: '.json',
  write: (result, path) => writeReportFile(path, `${JSON.stringify(buildVerifyJsonReport(result), null, 2)}\n`),
};
