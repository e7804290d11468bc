import type { VerifyCheck, VerifyResult } from './types.js';

/**
 * One line per check (scenario, state, visit/attempt, verdict, and each difference as expected against
 * actual), then a count per verdict: the console report of `chaos verify`.
 *
 * @example
 * ```ts
 * formatVerifyCheck(check); // '  differed  retries then succeeds › Charge visit 1 attempt 1 (error States.TaskFailed): status expected RETRIABLE, AWS: CAUGHT_ERROR'
 * ```
 */
export function formatVerifyCheck(check: VerifyCheck): string {
  const what = check.path === 'error' ? `error ${check.errorName ?? 'unknown'}` : 'result';
  const head = `  ${check.verdict.padEnd(13)} ${check.scenario} › ${check.stateName} visit ${check.visit} attempt ${check.attempt} (${what})`;
  if (check.verdict === 'differed')
    return `${head}: ${check.differences.map((d) => `${d.field} expected ${JSON.stringify(d.expected)}, AWS: ${JSON.stringify(d.actual)}`).join('; ')}`;
  if (check.verdict === 'notVerifiable') return `${head}: ${check.notVerifiable ?? 'not verifiable'}`;
  if (check.verdict === 'error' || check.verdict === 'skipped') return `${head}: ${check.message ?? ''}`;
  return head;
}

/** The summary line of a verify run, with the scenarios that could not run locally. */
export function formatVerifySummary(result: VerifyResult): string {
  const counts = new Map<string, number>();
  for (const check of result.checks) counts.set(check.verdict, (counts.get(check.verdict) ?? 0) + 1);
  const lines = result.scenarioErrors.map((entry) => `  error         ${entry.scenario}: not run locally: ${entry.error}`);
  const parts = [...counts].map(([verdict, count]) => `${count} ${verdict}`);
  lines.push(`verify: ${result.checks.length} attempts checked${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`);
  return lines.join('\n');
}

/** `--dry-run`: the TestState calls verify would send, one JSON request per line after its check. */
export function formatVerifyDryRun(result: VerifyResult): string {
  return result.checks
    .map((check) =>
      check.request ? `${formatVerifyCheck(check)}\n    TestState ${JSON.stringify(check.request)}` : formatVerifyCheck(check),
    )
    .join('\n');
}
