import { randomBytes } from 'node:crypto';

/**
 * A Step Functions execution name that traces back to the run and the scenario, on every target:
 * `chaos-<runId>-<scenario position>-<scenario name, cleaned>-<random>`. Only `0-9 A-Z a-z - _` are used
 * (the set CloudWatch Logs and metrics accept, narrower than what StartExecution allows), at most 80
 * characters, and the random tail keeps two runs with the same id apart (Standard names must be unique
 * for 90 days).
 *
 * @example
 * ```ts
 * executionNameFor('m1x2abc', 2, 'HTTPError exhausts retries'); // 'chaos-m1x2abc-3-HTTPError-exhausts-retries-5f1c2a'
 * ```
 */
export function executionNameFor(runId: string, index: number, scenarioName: string): string {
  const clean = (text: string): string => text.replace(/[^0-9A-Za-z_-]+/g, '-').replace(/^-+|-+$/g, '');
  const head = `chaos-${clean(runId)}-${index + 1}`;
  const tail = randomBytes(3).toString('hex');
  const room = 80 - head.length - tail.length - 2;
  const label = clean(scenarioName).slice(0, Math.max(0, room)).replace(/-+$/, '');
  return (label === '' ? `${head}-${tail}` : `${head}-${label}-${tail}`).slice(0, 80);
}
