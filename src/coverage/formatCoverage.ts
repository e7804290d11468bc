import { countOf } from '../assertions/wording.js';
import type { RuleCoverage, RunCoverage } from '../run/coverageTypes.js';

/**
 * Coverage as console lines, printed after the run's summary: per state machine the rules exercised,
 * then each rule with how often it fired, or "never reached".
 *
 * @example
 * ```ts
 * process.stdout.write(formatCoverage(computeCoverage(file, result)));
 * // Retry/Catch coverage
 * //   asteroids: 3 of 3 rules exercised (4 scenarios)
 * //     Download Exoplanets  Retry[0] HTTPError               retried 5 times (2 scenarios)
 * ```
 */
export function formatCoverage(coverage: RunCoverage): string {
  const lines = ['Retry/Catch coverage'];
  if (coverage.stateMachines.length === 0) lines.push('  no scenario ran, so nothing was covered');
  for (const machine of coverage.stateMachines) {
    const scenarios = countOf(machine.scenarios, 'scenario');
    if (machine.total === 0 && machine.states.every((state) => state.rules.length === 0)) {
      lines.push(`  ${machine.stateMachine}: no Retry or Catch rules (${scenarios})`);
      continue;
    }
    lines.push(`  ${machine.stateMachine}: ${machine.exercised} of ${countOf(machine.total, 'rule')} exercised (${scenarios})`);
    const rows = machine.states.flatMap((state) =>
      state.rules.map((rule, index) => [index === 0 ? state.name : '', describeRule(rule), describeFired(rule)]),
    );
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    for (const row of rows)
      lines.push(`    ${(row[0] ?? '').padEnd(widths[0] ?? 0)}  ${(row[1] ?? '').padEnd(widths[1] ?? 0)}  ${row[2] ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeRule(rule: RuleCoverage): string {
  const names = rule.errorEquals.join(', ');
  return rule.kind === 'Catch' ? `Catch[${rule.index}] ${names} → ${rule.next ?? '?'}` : `Retry[${rule.index}] ${names}`;
}

function describeFired(rule: RuleCoverage): string {
  if (rule.fired === 0 && rule.unreachableByFunctionFaults === true)
    return "not counted: InvocationType Event, the function's errors go to Lambda's async retries";
  if (rule.fired === 0) return 'never reached';
  const verb = rule.kind === 'Retry' ? 'retried' : 'caught';
  const times = rule.fired === 1 ? 'once' : `${rule.fired} times`;
  const scenarios = countOf(rule.scenarios.length, 'scenario');
  return `${verb} ${times} (${scenarios})`;
}
