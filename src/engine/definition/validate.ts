import { withStateQueryLanguages } from '../asl/queryLanguage.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import type { DefinitionIssue } from '../api/types.js';
import { checkState } from './checkState.js';
import { integerFieldIssue, missingTargetMessage } from '../validation/fieldIssues.js';
import type { StateMachineScope } from '../validation/StateChecker.js';

/**
 * Everything that stops the local engine from running a definition exactly as AWS would, found
 * before running: features this version of the engine does not implement (named as such), and
 * semantic errors the ASL JSON schema cannot express (dangling `Next`, misplaced `States.ALL`, bad
 * retrier numbers, reserved error names). Each issue names the state and field.
 *
 * @example
 * findDefinitionIssues({ StartAt: 'Each', States: { Each: { Type: 'Map', ItemReader: {}, ItemProcessor: {}, End: true } } });
 * // [{ path: 'States["Each"].ItemReader', stateName: 'Each',
 * //    message: 'Distributed Map (ItemReader) is not supported by the local engine yet' }, …]
 */
export function findDefinitionIssues(definition: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  checkDefinition(definition, issues);
  return issues;
}

/** One line per issue, as the CLI prints them: `path: message`. */
export function formatDefinitionIssue(issue: DefinitionIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

function checkDefinition(definition: unknown, issues: DefinitionIssue[]): void {
  if (!isJsonObject(definition)) {
    issues.push({ path: '', message: 'The definition must be a JSON object with StartAt and States' });
    return;
  }
  if (
    definition['QueryLanguage'] !== undefined &&
    definition['QueryLanguage'] !== 'JSONPath' &&
    definition['QueryLanguage'] !== 'JSONata'
  ) {
    issues.push({ path: 'QueryLanguage', message: 'QueryLanguage must be "JSONPath" or "JSONata"' });
  }
  const timeoutIssue =
    definition['TimeoutSeconds'] === undefined ? undefined : integerFieldIssue('TimeoutSeconds', definition['TimeoutSeconds'], 1);
  if (timeoutIssue !== undefined) issues.push({ path: 'TimeoutSeconds', message: timeoutIssue });
  // Every state, nested ones included, then names its own query language.
  checkStates(withStateQueryLanguages(definition), '', issues);
}

/**
 * StartAt and States of the top-level machine, a Parallel branch or a Map's ItemProcessor: each has its
 * own state names, and a transition cannot leave it. `prefix` locates a nested machine in issue paths.
 */
function checkStates(machine: JsonObject, prefix: string, issues: DefinitionIssue[]): void {
  const states = machine['States'];
  if (!isJsonObject(states) || Object.keys(states).length === 0) {
    issues.push({ path: `${prefix}States`, message: 'States must be an object with at least one state' });
    return;
  }
  const stateNames = new Set(Object.keys(states));
  const startAt = machine['StartAt'];
  if (typeof startAt !== 'string') {
    issues.push({ path: `${prefix}StartAt`, message: 'StartAt must name the first state' });
  } else if (!stateNames.has(startAt)) {
    issues.push({ path: `${prefix}StartAt`, message: missingTargetMessage('StartAt', startAt) });
  }
  const scope: StateMachineScope = { stateNames, issues, prefix, checkMachine: checkStates };
  for (const [name, state] of Object.entries(states)) checkState(name, state, scope);
  checkReachability(states, typeof startAt === 'string' ? startAt : undefined, issues, prefix);
}

/**
 * CreateStateMachine also refuses a machine without any terminal state and, failing that, states that
 * nothing leads to (AWS reports MISSING_END_STATE first and then skips the reachability walk).
 */
function checkReachability(states: JsonObject, startAt: string | undefined, issues: DefinitionIssue[], prefix: string): void {
  const isTerminal = (state: unknown): boolean =>
    isJsonObject(state) && (state['End'] === true || state['Type'] === 'Succeed' || state['Type'] === 'Fail');
  if (!Object.values(states).some(isTerminal)) {
    const machine = prefix === '' ? 'The state machine' : 'This branch';
    issues.push({
      path: `${prefix}States`,
      message: `${machine} has no terminal state (End: true, Succeed or Fail), so it could never finish`,
    });
    return;
  }
  if (startAt === undefined || !Object.hasOwn(states, startAt)) return;
  const reached = new Set<string>();
  const pending = [startAt];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name) || !Object.hasOwn(states, name)) continue;
    reached.add(name);
    pending.push(...transitionTargetsOf(states[name]));
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name)) {
      issues.push({
        path: `${prefix}States[${JSON.stringify(name)}]`,
        stateName: name,
        message: `State "${name}" is not reachable from StartAt`,
      });
    }
  }
}

function transitionTargetsOf(state: unknown): string[] {
  if (!isJsonObject(state)) return [];
  const targets: unknown[] = [state['Next'], state['Default']];
  for (const list of [state['Choices'], state['Catch']]) {
    if (Array.isArray(list)) targets.push(...list.map((rule) => (isJsonObject(rule) ? rule['Next'] : undefined)));
  }
  return targets.filter((target): target is string => typeof target === 'string');
}
