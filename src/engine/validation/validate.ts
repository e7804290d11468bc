import { parseAslTimestamp } from '../asl/aslTimestamp.js';
import { choiceOperatorOf, operatorKeysOf } from '../asl/choiceOperators.js';
import { StatesErrorName, reservedErrorNames } from '../asl/errorNames.js';
import { LambdaIntegration, lambdaIntegrationOf } from '../lambda/functionRef.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import { IntegrationPattern, isLambdaCallbackResource, serviceTaskResourceOf } from '../services/serviceIntegrations.js';
import { isDefinitePath } from '../data/jsonPath.js';
import { StepFunctionsLimit } from '../asl/limits.js';
import { isIntrinsicFunctionCall } from '../data/payloadTemplate.js';
import { isJsonataExpression } from '../data/jsonataExpressions.js';
import { QueryLanguage, withStateQueryLanguages } from '../asl/stateQuery.js';
import {
  checkCatcherQueryFields,
  checkChoiceRuleQueryFields,
  checkDynamicValue,
  checkStateQueryFields,
  queryLanguageFieldPlaces,
} from './validateQueryLanguage.js';
import type { DefinitionIssue } from '../types.js';

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

const notYet = 'not supported by the local engine yet';

const supportedStateTypes = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
type SupportedStateType = (typeof supportedStateTypes)[number];

/** Fields ASL allows per state type (JSONPath mode); JSONata-only and unsupported ones are reported separately. */
const allowedFields: Record<SupportedStateType, readonly string[]> = {
  Task: [
    'Type', 'Comment', 'Next', 'End', 'Resource', 'Parameters', 'ResultSelector', 'ResultPath', 'InputPath', 'OutputPath',
    'Retry', 'Catch', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath',
  ],
  Pass: ['Type', 'Comment', 'Next', 'End', 'Result', 'Parameters', 'ResultPath', 'InputPath', 'OutputPath'],
  Choice: ['Type', 'Comment', 'Choices', 'Default', 'InputPath', 'OutputPath'],
  Wait: ['Type', 'Comment', 'Next', 'End', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'InputPath', 'OutputPath'],
  Succeed: ['Type', 'Comment', 'InputPath', 'OutputPath'],
  Fail: ['Type', 'Comment', 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: ['Type', 'Comment', 'Next', 'End', 'Branches', 'Parameters', 'ResultSelector', 'ResultPath', 'InputPath', 'OutputPath', 'Retry', 'Catch'],
  Map: [
    'Type', 'Comment', 'Next', 'End', 'ItemProcessor', 'Iterator', 'ItemsPath', 'ItemSelector', 'Parameters', 'MaxConcurrency',
    'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ResultSelector', 'ResultPath', 'InputPath', 'OutputPath', 'Retry', 'Catch',
  ],
};

/** Map fields that only a Distributed Map (or a dynamic setting the engine does not read yet) uses. */
const unsupportedMapFields: Record<string, string> = {
  ItemReader: `Distributed Map (ItemReader) is ${notYet}`,
  ItemBatcher: `Distributed Map (ItemBatcher) is ${notYet}`,
  ResultWriter: `Distributed Map (ResultWriter) is ${notYet}`,
  Label: `Distributed Map (Label) is ${notYet}`,
  MaxConcurrencyPath: `MaxConcurrencyPath is ${notYet}`,
  ToleratedFailureCountPath: `ToleratedFailureCountPath is ${notYet}`,
  ToleratedFailurePercentagePath: `ToleratedFailurePercentagePath is ${notYet}`,
};

/** Fields AWS accepts that belong to features the engine does not implement yet. */
const unsupportedFields: Record<string, string> = {
};

const lambdaInvokeParameterNames = ['FunctionName', 'Payload', 'Qualifier', 'InvocationType'];

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * What is wrong with a field that must be a whole number from `min` to `max` (by default Step Functions'
 * limit for seconds and counts, 99999999), or undefined when nothing is. A value above the limit says so.
 */
function integerFieldIssue(field: string, value: unknown, min: number, max: number = StepFunctionsLimit.maxIntegerField): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return undefined;
  if (typeof value === 'number' && value > max) return `${field} is ${value}, above the Step Functions limit of ${max}; use an integer from ${min} to ${max}`;
  return `${field} must be an integer from ${min} to ${max}, not ${shortJson(value)}`;
}

/** A value as an issue message shows it: one short line. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function checkDefinition(definition: unknown, issues: DefinitionIssue[]): void {
  if (!isJsonObject(definition)) {
    issues.push({ path: '', message: 'The definition must be a JSON object with StartAt and States' });
    return;
  }
  if (definition['QueryLanguage'] !== undefined && definition['QueryLanguage'] !== 'JSONPath' && definition['QueryLanguage'] !== 'JSONata') {
    issues.push({ path: 'QueryLanguage', message: 'QueryLanguage must be "JSONPath" or "JSONata"' });
  }
  const timeoutIssue = definition['TimeoutSeconds'] === undefined ? undefined : integerFieldIssue('TimeoutSeconds', definition['TimeoutSeconds'], 1);
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
  for (const [name, state] of Object.entries(states)) {
    new StateChecker(name, stateNames, issues, prefix).check(state);
  }
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
    issues.push({ path: `${prefix}States`, message: `${machine} has no terminal state (End: true, Succeed or Fail), so it could never finish` });
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
      issues.push({ path: `${prefix}States[${JSON.stringify(name)}]`, stateName: name, message: `State "${name}" is not reachable from StartAt` });
    }
  }
}

/**
 * A transition to a state that does not exist, worded like Step Functions' own MISSING_TRANSITION_TARGET
 * diagnostic ("Missing 'Next' target: …"): the missing name first, since it is what to fix.
 */
function missingTargetMessage(field: string, target: string): string {
  return `Missing '${field}' target: "${target}" is not a state of this machine (MISSING_TRANSITION_TARGET)`;
}

function transitionTargetsOf(state: unknown): string[] {
  if (!isJsonObject(state)) return [];
  const targets: unknown[] = [state['Next'], state['Default']];
  for (const list of [state['Choices'], state['Catch']]) {
    if (Array.isArray(list)) targets.push(...list.map((rule) => (isJsonObject(rule) ? rule['Next'] : undefined)));
  }
  return targets.filter((target): target is string => typeof target === 'string');
}

class StateChecker {
  readonly #name: string;
  readonly #stateNames: ReadonlySet<string>;
  readonly #issues: DefinitionIssue[];
  readonly #prefix: string;
  #language: string = QueryLanguage.JSONPath;

  constructor(name: string, stateNames: ReadonlySet<string>, issues: DefinitionIssue[], machinePrefix = '') {
    this.#name = name;
    this.#stateNames = stateNames;
    this.#issues = issues;
    this.#prefix = `${machinePrefix}States[${JSON.stringify(name)}]`;
  }

  #report(path: string, message: string): void {
    this.#issues.push({ path: `${this.#prefix}${path}`, stateName: this.#name, message });
  }

  /** Reports `object[field]` unless it is absent or an integer from `min` to `max`; true when nothing was reported. */
  #checkInteger(object: JsonObject, field: string, min: number, path = '', note = '', max?: number): boolean {
    if (object[field] === undefined) return true;
    const issue = integerFieldIssue(field, object[field], min, max);
    if (issue !== undefined) this.#report(`${path}${key(field)}`, `${issue}${note}`);
    return issue === undefined;
  }

  check(state: unknown): void {
    if (!isJsonObject(state)) {
      this.#report('', 'A state must be a JSON object');
      return;
    }
    const type = state['Type'];
    if (!supportedStateTypes.includes(type as SupportedStateType)) {
      this.#report('.Type', `Unknown state type ${JSON.stringify(type)}; expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map`);
      return;
    }
    const stateType = type as SupportedStateType;
    this.#language = String(state['QueryLanguage']);
    // QueryLanguage, Assign, Arguments, Output, Credentials, Items: checked by the query-language layer.
    checkStateQueryFields(state, undefined, (path, message) => this.#report(path, message));
    for (const field of Object.keys(state)) {
      const unsupported = unsupportedFields[field];
      if (queryLanguageFieldPlaces[field]?.includes(stateType)) continue;
      if (unsupported !== undefined) {
        this.#report(key(field), unsupported);
      } else if (stateType === 'Map' && unsupportedMapFields[field] !== undefined) {
        this.#report(key(field), unsupportedMapFields[field]);
      } else if (unsupported === undefined && !allowedFields[stateType].includes(field)) {
        this.#report(key(field), `${field} is not a field of ${stateType} states`);
      }
    }
    this.#checkTransition(stateType, state);
    if (stateType !== 'Fail') {
      this.#checkPath(state, 'InputPath', 'path');
      this.#checkPath(state, 'OutputPath', 'path');
    }
    if (stateType === 'Task' || stateType === 'Pass' || stateType === 'Parallel' || stateType === 'Map') {
      this.#checkPath(state, 'ResultPath', 'reference');
      if (state['Parameters'] !== undefined) this.#checkPayloadTemplate(state['Parameters'], '.Parameters');
    }
    switch (stateType) {
      case 'Task':
        this.#checkTask(state);
        break;
      case 'Choice':
        this.#checkChoice(state);
        break;
      case 'Wait':
        this.#checkWait(state);
        break;
      case 'Fail':
        this.#checkFail(state);
        break;
      case 'Parallel':
        this.#checkParallel(state);
        break;
      case 'Map':
        this.#checkMap(state);
        break;
      case 'Pass':
      case 'Succeed':
        break;
    }
  }

  #checkNextName(value: unknown, path: string, field: string): void {
    if (typeof value !== 'string') {
      this.#report(path, `${field} must be the name of a state`);
    } else if (!this.#stateNames.has(value)) {
      this.#report(path, missingTargetMessage(field, value));
    }
  }

  #checkTransition(type: SupportedStateType, state: JsonObject): void {
    const hasNext = state['Next'] !== undefined;
    const hasEnd = state['End'] !== undefined;
    if (type === 'Task' || type === 'Pass' || type === 'Wait' || type === 'Parallel' || type === 'Map') {
      if (hasEnd && state['End'] !== true) this.#report('.End', 'End must be true when present');
      if (hasNext && hasEnd) this.#report('', 'A state cannot have both Next and End');
      else if (!hasNext && state['End'] !== true) this.#report('', 'A non-terminal state needs Next or "End": true');
      if (hasNext) this.#checkNextName(state['Next'], '.Next', 'Next');
      return;
    }
    if (hasNext) this.#report('.Next', `${type} states cannot have Next`);
    if (hasEnd) this.#report('.End', `${type} states cannot have End`);
  }

  #checkPath(state: JsonObject, field: string, kind: 'path' | 'reference'): void {
    const value = state[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !value.startsWith('$') || value.startsWith('$$')) {
      this.#report(key(field), `${field} must be a JSONPath starting with "$" (or null)`);
    } else if (kind === 'reference' && !isDefinitePath(value)) {
      this.#report(key(field), `${field} must be a reference path (no wildcards, filters or slices)`);
    }
  }

  #checkPayloadTemplate(template: unknown, path: string): void {
    if (Array.isArray(template)) {
      template.forEach((item, index) => this.#checkPayloadTemplate(item, `${path}[${index}]`));
      return;
    }
    if (!isJsonObject(template)) return;
    for (const [field, value] of Object.entries(template)) {
      const fieldPath = `${path}${key(field)}`;
      if (!field.endsWith('.$')) {
        this.#checkPayloadTemplate(value, fieldPath);
      } else {
        checkDynamicValue(value, fieldPath, (path, message) => this.#issues.push({ path: `${this.#prefix}${path}`, stateName: this.#name, message }));
      }
    }
  }

  #checkTask(state: JsonObject): void {
    const resource = state['Resource'];
    const integration = lambdaIntegrationOf(resource);
    const service = serviceTaskResourceOf(resource);
    if (typeof resource !== 'string') {
      this.#report('.Resource', 'A Task state needs a Resource ARN');
    } else if (integration === LambdaIntegration.OptimizedInvoke || (service !== undefined && isLambdaCallbackResource(service))) {
      const invokeArguments = this.#language === QueryLanguage.JSONata ? state['Arguments'] : state['Parameters'];
      // A JSONata Arguments written as one expression can only be checked when it runs.
      if (!isJsonataExpression(invokeArguments)) this.#checkLambdaInvokeParameters(invokeArguments, resource.replace(/^arn:[^:]+:/, 'arn:aws:'));
    } else if (integration === undefined && (service === undefined || service.pattern === IntegrationPattern.RunJob)) {
      this.#report('.Resource', unsupportedResourceMessage(resource));
    }
    this.#checkHeartbeat(state, service?.pattern === IntegrationPattern.WaitForTaskToken);
    if (state['ResultSelector'] !== undefined) this.#checkPayloadTemplate(state['ResultSelector'], '.ResultSelector');
    if (state['TimeoutSeconds'] !== undefined && state['TimeoutSecondsPath'] !== undefined) {
      this.#report('.TimeoutSecondsPath', 'TimeoutSeconds and TimeoutSecondsPath cannot be used together');
    }
    if (!isJsonataExpression(state['TimeoutSeconds'])) this.#checkInteger(state, 'TimeoutSeconds', 1);
    this.#checkPath(state, 'TimeoutSecondsPath', 'reference');
    this.#checkErrorRules(state['Retry'], '.Retry', 'retrier');
    this.#checkErrorRules(state['Catch'], '.Catch', 'catcher');
  }

  #checkParallel(state: JsonObject): void {
    const branches = state['Branches'];
    if (!Array.isArray(branches) || branches.length === 0) {
      this.#report('.Branches', 'Branches must be a non-empty array of state machines');
    } else {
      branches.forEach((branch, index) => this.#checkNestedMachine(branch, `.Branches[${index}]`));
    }
    this.#checkCompositeCommon(state);
  }

  #checkMap(state: JsonObject): void {
    const processorField = ['ItemProcessor', 'Iterator'].filter((field) => state[field] !== undefined);
    if (processorField.length !== 1) {
      this.#report('', 'A Map state needs exactly one of ItemProcessor and Iterator');
    }
    for (const field of processorField) {
      const processor = state[field];
      if (!isJsonObject(processor)) {
        this.#report(key(field), `${field} must be a state machine object`);
        continue;
      }
      const config = processor['ProcessorConfig'];
      const mode = isJsonObject(config) ? config['Mode'] : undefined;
      if (mode === 'DISTRIBUTED') {
        this.#report(`${key(field)}.ProcessorConfig.Mode`, `Distributed Map (Mode DISTRIBUTED) is ${notYet}`);
      } else if (mode !== undefined && mode !== 'INLINE') {
        this.#report(`${key(field)}.ProcessorConfig.Mode`, 'ProcessorConfig.Mode must be "INLINE" or "DISTRIBUTED"');
      }
      this.#checkNestedMachine(processor, key(field), ['ProcessorConfig']);
    }
    if (state['ItemSelector'] !== undefined && state['Parameters'] !== undefined) {
      this.#report('.ItemSelector', 'ItemSelector and Parameters cannot be used together');
    }
    if (state['ItemSelector'] !== undefined) this.#checkPayloadTemplate(state['ItemSelector'], '.ItemSelector');
    this.#checkPath(state, 'ItemsPath', 'reference');
    this.#checkInteger(state, 'MaxConcurrency', 0, undefined, ' (0 means no limit)');
    this.#checkInteger(state, 'ToleratedFailureCount', 0);
    const percentage = state['ToleratedFailurePercentage'];
    if (percentage !== undefined && (typeof percentage !== 'number' || !(percentage >= 0 && percentage <= 100))) {
      this.#report('.ToleratedFailurePercentage', 'ToleratedFailurePercentage must be a number from 0 to 100');
    }
    this.#checkCompositeCommon(state);
  }

  /** ResultSelector, Retry and Catch: the fields Parallel and Map share with Task. */
  #checkCompositeCommon(state: JsonObject): void {
    if (state['ResultSelector'] !== undefined) this.#checkPayloadTemplate(state['ResultSelector'], '.ResultSelector');
    this.#checkErrorRules(state['Retry'], '.Retry', 'retrier');
    this.#checkErrorRules(state['Catch'], '.Catch', 'catcher');
  }

  /** A Parallel branch or a Map processor: a state machine of its own, whose transitions stay inside it. */
  #checkNestedMachine(machine: unknown, path: string, extraFields: readonly string[] = []): void {
    const machinePath = `${this.#prefix}${path}`;
    if (!isJsonObject(machine)) {
      this.#issues.push({ path: machinePath, stateName: this.#name, message: 'A branch must be an object with StartAt and States' });
      return;
    }
    for (const field of Object.keys(machine)) {
      if (!['StartAt', 'States', 'Comment', ...extraFields].includes(field)) {
        this.#issues.push({ path: `${machinePath}${key(field)}`, stateName: this.#name, message: `${field} is not a field of a nested state machine` });
      }
    }
    checkStates(machine, `${machinePath}.`, this.#issues);
  }

  /**
   * HeartbeatSeconds is the longest gap between two SendTaskHeartbeat calls, so it only means something
   * for a task with a token to heartbeat. What AWS does with it on other tasks is UNCONFIRMED, so the
   * engine refuses it there rather than guess.
   */
  #checkHeartbeat(state: JsonObject, waitsForTaskToken: boolean): void {
    const heartbeat = state['HeartbeatSeconds'];
    const given = ['HeartbeatSeconds', 'HeartbeatSecondsPath'].filter((field) => state[field] !== undefined);
    if (given.length === 0) return;
    if (!waitsForTaskToken) {
      for (const field of given) this.#report(key(field), `${field} on a task without .waitForTaskToken is ${notYet}`);
      return;
    }
    if (given.length === 2) this.#report('.HeartbeatSecondsPath', 'HeartbeatSeconds and HeartbeatSecondsPath cannot be used together');
    if (this.#checkInteger(state, 'HeartbeatSeconds', 1) && typeof heartbeat === 'number') {
      // Without TimeoutSeconds the task's timeout is the default 99999999 s.
      const timeout = typeof state['TimeoutSeconds'] === 'number' ? state['TimeoutSeconds'] : state['TimeoutSecondsPath'] === undefined ? 99_999_999 : undefined;
      if (timeout !== undefined && heartbeat >= timeout) {
        this.#report('.HeartbeatSeconds', `HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`);
      }
    }
    this.#checkPath(state, 'HeartbeatSecondsPath', 'reference');
  }

  #checkLambdaInvokeParameters(parameters: unknown, resource: string): void {
    if (!isJsonObject(parameters)) {
      this.#report('.Parameters', `${resource} needs Parameters with FunctionName`);
      return;
    }
    if (parameters['FunctionName'] === undefined && parameters['FunctionName.$'] === undefined) {
      this.#report('.Parameters', `${resource} needs Parameters with FunctionName`);
    }
    for (const field of Object.keys(parameters)) {
      const name = field.endsWith('.$') ? field.slice(0, -2) : field;
      if (!lambdaInvokeParameterNames.includes(name)) {
        this.#report(`.Parameters${key(field)}`, `The lambda:invoke parameter ${name} is ${notYet}`);
      }
    }
    const invocationType = parameters['InvocationType'];
    if (invocationType !== undefined && invocationType !== 'RequestResponse') {
      this.#report('.Parameters.InvocationType', `InvocationType ${JSON.stringify(invocationType)} is ${notYet} (only RequestResponse)`);
    }
  }

  #checkErrorRules(rules: unknown, path: string, kind: 'retrier' | 'catcher'): void {
    if (rules === undefined) return;
    if (!Array.isArray(rules)) {
      this.#report(path, `${path.slice(1)} must be an array`);
      return;
    }
    rules.forEach((rule, index) => {
      const rulePath = `${path}[${index}]`;
      if (!isJsonObject(rule)) {
        this.#report(rulePath, `Each ${kind} must be an object`);
        return;
      }
      this.#checkErrorEquals(rule['ErrorEquals'], `${rulePath}.ErrorEquals`, kind, index === rules.length - 1);
      if (kind === 'retrier') this.#checkRetrier(rule, rulePath);
      else this.#checkCatcher(rule, rulePath);
    });
  }

  #checkErrorEquals(errorEquals: unknown, path: string, kind: 'retrier' | 'catcher', isLast: boolean): void {
    if (!Array.isArray(errorEquals) || errorEquals.length === 0 || !errorEquals.every((name) => typeof name === 'string')) {
      this.#report(path, 'ErrorEquals must be a non-empty array of error names');
      return;
    }
    if (errorEquals.includes(StatesErrorName.All)) {
      if (errorEquals.length > 1) this.#report(path, 'States.ALL must be the only error name in its ErrorEquals');
      if (!isLast) this.#report(path, `States.ALL may only appear in the last ${kind}`);
    }
    for (const name of errorEquals as string[]) {
      if (name.startsWith('States.') && !reservedErrorNames.has(name)) {
        this.#report(path, `"${name}" is not a predefined error, and error names starting with "States." are reserved`);
      }
    }
  }

  #checkRetrier(retrier: JsonObject, path: string): void {
    const known = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'];
    for (const field of Object.keys(retrier)) {
      if (!known.includes(field)) this.#report(`${path}${key(field)}`, `${field} is not a retrier field`);
    }
    // AWS documents IntervalSeconds as a positive integer while its schema allows 0; whether
    // CreateStateMachine accepts 0 is UNCONFIRMED, so 0 is let through.
    this.#checkInteger(retrier, 'IntervalSeconds', 0, path);
    this.#checkInteger(retrier, 'MaxAttempts', 0, path);
    const backoffRate = retrier['BackoffRate'];
    if (backoffRate !== undefined && (typeof backoffRate !== 'number' || !(backoffRate >= 1))) {
      this.#report(`${path}.BackoffRate`, 'BackoffRate must be a number >= 1.0');
    }
    this.#checkInteger(retrier, 'MaxDelaySeconds', 1, path, '', StepFunctionsLimit.maxDelaySeconds);
    const jitter = retrier['JitterStrategy'];
    if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
      this.#report(`${path}.JitterStrategy`, `JitterStrategy must be "FULL" or "NONE" (upper case), got ${JSON.stringify(jitter)}`);
    }
  }

  #checkCatcher(catcher: JsonObject, path: string): void {
    checkCatcherQueryFields(catcher, path, this.#language, (issuePath, message) => this.#report(issuePath, message));
    for (const field of Object.keys(catcher)) {
      if (!['ErrorEquals', 'Next', 'ResultPath', 'Output', 'Assign', 'Comment'].includes(field)) {
        this.#report(`${path}${key(field)}`, `${field} is not a catcher field`);
      }
    }
    this.#checkNextName(catcher['Next'], `${path}.Next`, 'Next');
    this.#checkPath(catcher, 'ResultPath', 'reference');
  }

  #checkChoice(state: JsonObject): void {
    const choices = state['Choices'];
    if (!Array.isArray(choices) || choices.length === 0) {
      this.#report('.Choices', 'Choices must be a non-empty array of rules');
    } else {
      choices.forEach((rule, index) => {
        const rulePath = `.Choices[${index}]`;
        if (!isJsonObject(rule)) {
          this.#report(rulePath, 'A Choice rule must be an object');
          return;
        }
        this.#checkNextName(rule['Next'], `${rulePath}.Next`, 'Next');
        checkChoiceRuleQueryFields(rule, rulePath, this.#language, (path, message) => this.#report(path, message));
        if (this.#language !== QueryLanguage.JSONata) this.#checkChoiceRule(rule, rulePath, true);
      });
    }
    if (state['Default'] !== undefined) this.#checkNextName(state['Default'], '.Default', 'Default');
  }

  #checkChoiceRule(rule: JsonObject, path: string, isTopLevel: boolean): void {
    if (rule['Condition'] !== undefined) {
      this.#report(`${path}.Condition`, 'Condition is a JSONata field; set "QueryLanguage": "JSONata" to use it');
      return;
    }
    if (!isTopLevel && rule['Next'] !== undefined) this.#report(`${path}.Next`, 'Only top-level Choice rules may have Next');
    const allowedExtra = isTopLevel ? ['Next', 'Assign', 'Comment'] : ['Comment'];
    const combinator = ['And', 'Or', 'Not'].filter((field) => rule[field] !== undefined);
    if (combinator.length > 0) {
      if (combinator.length > 1 || rule['Variable'] !== undefined) this.#report(path, 'A Choice rule must use exactly one of And, Or, Not or a comparison');
      for (const field of combinator) {
        const inner = rule[field];
        if (field === 'Not') {
          if (isJsonObject(inner)) this.#checkChoiceRule(inner, `${path}.Not`, false);
          else this.#report(`${path}.Not`, 'Not must hold one Choice rule');
        } else if (Array.isArray(inner) && inner.length > 0) {
          inner.forEach((item, index) => {
            if (isJsonObject(item)) this.#checkChoiceRule(item, `${path}.${field}[${index}]`, false);
            else this.#report(`${path}.${field}[${index}]`, 'A Choice rule must be an object');
          });
        } else {
          this.#report(`${path}.${field}`, `${field} must be a non-empty array of Choice rules`);
        }
      }
      return;
    }
    const variable = rule['Variable'];
    if (typeof variable !== 'string' || !variable.startsWith('$')) {
      this.#report(`${path}.Variable`, 'A comparison needs a Variable path starting with "$"');
    }
    const operators = operatorKeysOf(rule);
    if (operators.length !== 1) {
      this.#report(path, operators.length === 0 ? 'A comparison needs one comparison operator' : `A comparison has several operators: ${operators.join(', ')}`);
    }
    for (const field of Object.keys(rule)) {
      if (field !== 'Variable' && !operators.includes(field) && !allowedExtra.includes(field)) {
        this.#report(`${path}${key(field)}`, `${field} is not a Choice rule field`);
      }
    }
    for (const operatorKey of operators) this.#checkOperand(operatorKey, rule[operatorKey], `${path}${key(operatorKey)}`);
  }

  #checkOperand(operatorKey: string, operand: unknown, path: string): void {
    const operator = choiceOperatorOf(operatorKey);
    if (!operator) return;
    if (operator.kind === 'typeTest') {
      if (typeof operand !== 'boolean') this.#report(path, `${operatorKey} takes true or false`);
      return;
    }
    if (operator.kind === 'matches') {
      if (typeof operand !== 'string') this.#report(path, 'StringMatches takes a pattern string');
      return;
    }
    if (operator.operandIsPath) {
      if (typeof operand !== 'string' || !operand.startsWith('$')) this.#report(path, `${operatorKey} takes a path starting with "$"`);
      return;
    }
    const wrongType =
      (operator.family === 'String' && typeof operand !== 'string') ||
      (operator.family === 'Numeric' && typeof operand !== 'number') ||
      (operator.family === 'Boolean' && typeof operand !== 'boolean') ||
      (operator.family === 'Timestamp' && (typeof operand !== 'string' || parseAslTimestamp(operand) === undefined));
    if (wrongType) {
      const expected = { String: 'a string', Numeric: 'a number', Boolean: 'true or false', Timestamp: 'an ISO-8601 timestamp such as 2016-08-18T17:33:00Z' }[operator.family];
      this.#report(path, `${operatorKey} takes ${expected}`);
    }
  }

  #checkWait(state: JsonObject): void {
    const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((field) => state[field] !== undefined);
    if (given.length !== 1) {
      this.#report('', 'A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
    }
    if (!isJsonataExpression(state['Seconds'])) this.#checkInteger(state, 'Seconds', 0);
    const timestamp = state['Timestamp'];
    if (timestamp !== undefined && !isJsonataExpression(timestamp) && (typeof timestamp !== 'string' || parseAslTimestamp(timestamp) === undefined)) {
      this.#report('.Timestamp', 'Timestamp must be an ISO-8601 timestamp such as 2016-08-18T17:33:00Z');
    }
    this.#checkPath(state, 'SecondsPath', 'reference');
    this.#checkPath(state, 'TimestampPath', 'reference');
  }

  #checkFail(state: JsonObject): void {
    for (const [field, pathField] of [
      ['Error', 'ErrorPath'],
      ['Cause', 'CausePath'],
    ] as const) {
      if (state[field] !== undefined && typeof state[field] !== 'string') this.#report(key(field), `${field} must be a string`);
      if (state[field] !== undefined && state[pathField] !== undefined) this.#report('', `${field} and ${pathField} cannot be used together`);
      const path = state[pathField];
      if (typeof path === 'string' && isIntrinsicFunctionCall(path)) {
        checkDynamicValue(path, key(pathField), (issuePath, message) => this.#report(issuePath, message));
      } else {
        this.#checkPath(state, pathField, 'reference');
      }
    }
  }
}

function unsupportedResourceMessage(resource: string): string {
  if (/\.sync(:2)?$/.test(resource)) return `The run-a-job pattern (.sync) is ${notYet}`;
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) return `Activities are ${notYet}`;
  return `Resource ${resource} is neither a Lambda function ARN nor a service integration (arn:aws:states:::SERVICE:ACTION)`;
}
