import { countOf } from '../../assertions/wording.js';
import type { Scenario, ScenarioFile } from '../../scenarios/types.js';
import { parseArn } from './accounts.js';
import type { AwsSettings } from './awsSettings.js';
import { deployedFunctionAddress } from './resolve/deployedFunctionAddress.js';
import { attemptsWithoutRetryCount } from './attemptsWithoutRetryCount.js';
import { serviceTaskFaultProblems } from './serviceTaskFaults.js';
import { localOnlyMachineParts, scenarioAwsParts } from './localOnlyParts.js';

/**
 * What `chaos run --target aws --dry-run` prints: for each scenario the state machine it would start,
 * the faults it would arm on which function, what it would send to `.waitForTaskToken` Tasks and when, what it
 * cannot honour (local-only handlers and `services:` stand-ins, callbacks it cannot answer), and what it would assert, from the scenario file alone,
 * without a single AWS call. With `settings` it starts with the Region, profile and account a real run
 * would use. Accounts are shown where an ARN or the profile gives them; names are resolved only by a real run.
 *
 * @example
 * ```ts
 * process.stdout.write(describeAwsPlan(file, file.scenarios, new Set(['111111111111'])));
 * ```
 */
export function describeAwsPlan(
  file: ScenarioFile,
  scenarios: readonly Scenario[],
  allowedAccounts: ReadonlySet<string>,
  settings?: AwsSettings,
): string {
  const lines: string[] = settings === undefined ? [] : describeAwsSettings(settings, allowedAccounts);
  for (const key of new Set(scenarios.map((scenario) => scenario.stateMachine))) {
    const machine = file.stateMachines[key];
    const local = machine === undefined ? [] : localOnlyMachineParts(machine);
    if (local.length > 0) lines.push(`state machine ${key}`, ...local.map((line) => `  ${line}`));
  }
  for (const scenario of scenarios) {
    const machine = file.stateMachines[scenario.stateMachine];
    lines.push(`scenario ${JSON.stringify(scenario.name)}`);
    if (!machine) {
      lines.push(`  unknown state machine ${scenario.stateMachine}`);
      continue;
    }
    const address = machine.deployed ?? machine.stateMachineName;
    lines.push(
      `  start   ${machine.type} state machine ${address}${accountNote(address, allowedAccounts)} with input ${JSON.stringify(scenario.input ?? {})}`,
    );
    for (const fn of machine.functions) {
      const rules = scenario.faults.filter((fault) => fault.function === fn.key).map((fault) => fault.rule);
      const target = deployedFunctionAddress(fn);
      lines.push(
        rules.length === 0
          ? `  leave   ${target}${accountNote(target, allowedAccounts)} unarmed`
          : `  arm     ${target}${accountNote(target, allowedAccounts)} with ${JSON.stringify(rules)}`,
      );
    }
    for (const problem of attemptsWithoutRetryCount(machine, scenario)) lines.push(`  warn    ${problem}`);
    for (const problem of serviceTaskFaultProblems(scenario)) lines.push(`  warn    ${problem}; a real run refuses this scenario`);
    for (const line of scenarioAwsParts(machine, scenario)) lines.push(`  ${line}`);
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

/** The Region, profile and account lines of a dry run; a problem a real run would stop at is said on its line. */
function describeAwsSettings(settings: AwsSettings, allowed: ReadonlySet<string>): string[] {
  const stop = (problem: string): string => `${problem}; a real run would stop here`;
  const profileProblem = settings.profile.named && !settings.profile.found ? settings.problems[0] : undefined;
  const lines = [
    settings.region === undefined
      ? `region  none: ${profileProblem === undefined ? stop(settings.problems[0] ?? 'You must specify a region') : `profile ${settings.profile.value}, which would give it, was not found`}`
      : `region  ${settings.region.value} (from ${settings.region.source})`,
    profileProblem === undefined
      ? `profile ${settings.profile.value} (${settings.profile.named ? `from ${settings.profile.source}` : settings.profile.source})`
      : `profile ${settings.profile.value}: ${stop(profileProblem)}`,
  ];
  const account = settings.account;
  if (account === undefined) {
    lines.push('account not checked in a dry run (only an AWS call tells which account the credentials belong to)');
  } else {
    const allowedNote = allowed.has(account.value) ? 'in the allow-list' : 'NOT in the allow-list, a real run would refuse it';
    lines.push(`account ${account.value} (from the ${account.source}; ${allowedNote}; not checked against AWS in a dry run)`);
  }
  return lines;
}

function accountNote(address: string, allowed: ReadonlySet<string>): string {
  const account = parseArn(address)?.accountId;
  if (account === undefined) return '';
  return allowed.has(account) ? ` (account ${account})` : ` (account ${account}: NOT in the allow-list, a real run would refuse it)`;
}
