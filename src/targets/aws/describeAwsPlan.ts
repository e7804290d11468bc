import { countOf } from '../../assertions/wording.js';
import type { Scenario, ScenarioFile } from '../../scenarios/types.js';
import { parseArn } from './accounts.js';
import { deployedFunctionAddress } from './awsTarget.js';
import { attemptsWithoutRetryCount } from './attemptsWithoutRetryCount.js';

/**
 * What `chaos run --target aws --dry-run` prints: for each scenario the state machine it would start,
 * the faults it would arm on which function, and what it would assert, from the scenario file alone,
 * without a single AWS call. Accounts are shown where an ARN gives them; names are resolved only by a real run.
 *
 * @example
 * ```ts
 * process.stdout.write(describeAwsPlan(file, file.scenarios, new Set(['111111111111'])));
 * ```
 */
export function describeAwsPlan(file: ScenarioFile, scenarios: readonly Scenario[], allowedAccounts: ReadonlySet<string>): string {
  const lines: string[] = [];
  for (const scenario of scenarios) {
    const machine = file.stateMachines[scenario.stateMachine];
    lines.push(`scenario ${JSON.stringify(scenario.name)}`);
    if (!machine) {
      lines.push(`  unknown state machine ${scenario.stateMachine}`);
      continue;
    }
    const address = machine.deployed ?? machine.stateMachineName;
    lines.push(`  start   ${machine.type} state machine ${address}${accountNote(address, allowedAccounts)} with input ${JSON.stringify(scenario.input ?? {})}`);
    for (const fn of machine.functions) {
      const rules = scenario.faults.filter((fault) => fault.function === fn.key).map((fault) => fault.rule);
      const target = deployedFunctionAddress(fn);
      lines.push(rules.length === 0 ? `  leave   ${target}${accountNote(target, allowedAccounts)} unarmed` : `  arm     ${target}${accountNote(target, allowedAccounts)} with ${JSON.stringify(rules)}`);
    }
    for (const problem of attemptsWithoutRetryCount(machine, scenario)) lines.push(`  warn    ${problem}`);
    const { at: _at, states, ...execution } = scenario.expect;
    if (Object.keys(execution).length > 0) lines.push(`  assert  execution ${JSON.stringify(execution)}`);
    for (const [state, expectation] of Object.entries(states ?? {})) {
      const { at: _stateAt, ...checks } = expectation;
      lines.push(`  assert  ${state}: ${JSON.stringify(checks)}`);
    }
  }
  lines.push(`dry run: ${countOf(scenarios.length, 'scenario')}; no AWS call was made`);
  return `${lines.join('\n')}\n`;
}

function accountNote(address: string, allowed: ReadonlySet<string>): string {
  const account = parseArn(address)?.accountId;
  if (account === undefined) return '';
  return allowed.has(account) ? ` (account ${account})` : ` (account ${account}: NOT in the allow-list, a real run would refuse it)`;
}
