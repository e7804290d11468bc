import { StatesErrorName, reservedErrorNames } from '../asl/errorNames.js';
import { StepFunctionsLimit } from '../asl/limits.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import { fieldKey } from './fieldIssues.js';
import type { StateChecker } from './StateChecker.js';
import { checkCatcherQueryFields } from './validateQueryLanguage.js';

/** `Retry` (kind `retrier`) or `Catch` (kind `catcher`) of a Task, Parallel or Map state, at `path` (`.Retry`, `.Catch`). */
export function checkErrorRules(checker: StateChecker, rules: unknown, path: string, kind: 'retrier' | 'catcher'): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) {
    checker.report(path, `${path.slice(1)} must be an array`);
    return;
  }
  rules.forEach((rule, index) => {
    const rulePath = `${path}[${index}]`;
    if (!isJsonObject(rule)) {
      checker.report(rulePath, `Each ${kind} must be an object`);
      return;
    }
    checkErrorEquals(checker, rule['ErrorEquals'], `${rulePath}.ErrorEquals`, kind, index === rules.length - 1);
    if (kind === 'retrier') checkRetrier(checker, rule, rulePath);
    else checkCatcher(checker, rule, rulePath);
  });
}

function checkErrorEquals(checker: StateChecker, errorEquals: unknown, path: string, kind: 'retrier' | 'catcher', isLast: boolean): void {
  if (!Array.isArray(errorEquals) || errorEquals.length === 0 || !errorEquals.every((name) => typeof name === 'string')) {
    checker.report(path, 'ErrorEquals must be a non-empty array of error names');
    return;
  }
  if (errorEquals.includes(StatesErrorName.All)) {
    if (errorEquals.length > 1) checker.report(path, 'States.ALL must be the only error name in its ErrorEquals');
    if (!isLast) checker.report(path, `States.ALL may only appear in the last ${kind}`);
  }
  for (const name of errorEquals as string[]) {
    if (name.startsWith('States.') && !reservedErrorNames.has(name)) {
      checker.report(path, `"${name}" is not a predefined error, and error names starting with "States." are reserved`);
    }
  }
}

function checkRetrier(checker: StateChecker, retrier: JsonObject, path: string): void {
  const known = ['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'];
  for (const field of Object.keys(retrier)) {
    if (!known.includes(field)) checker.report(`${path}${fieldKey(field)}`, `${field} is not a retrier field`);
  }
  // AWS documents IntervalSeconds as a positive integer while its schema allows 0; whether
  // CreateStateMachine accepts 0 is UNCONFIRMED, so 0 is let through.
  checker.checkInteger(retrier, 'IntervalSeconds', 0, path);
  checker.checkInteger(retrier, 'MaxAttempts', 0, path);
  const backoffRate = retrier['BackoffRate'];
  if (backoffRate !== undefined && (typeof backoffRate !== 'number' || !(backoffRate >= 1))) {
    checker.report(`${path}.BackoffRate`, 'BackoffRate must be a number >= 1.0');
  }
  checker.checkInteger(retrier, 'MaxDelaySeconds', 1, path, '', StepFunctionsLimit.maxDelaySeconds);
  const jitter = retrier['JitterStrategy'];
  if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
    checker.report(`${path}.JitterStrategy`, `JitterStrategy must be "FULL" or "NONE" (upper case), got ${JSON.stringify(jitter)}`);
  }
}

function checkCatcher(checker: StateChecker, catcher: JsonObject, path: string): void {
  checkCatcherQueryFields(catcher, path, checker.language, (issuePath, message) => checker.report(issuePath, message));
  for (const field of Object.keys(catcher)) {
    if (!['ErrorEquals', 'Next', 'ResultPath', 'Output', 'Assign', 'Comment'].includes(field)) {
      checker.report(`${path}${fieldKey(field)}`, `${field} is not a catcher field`);
    }
  }
  checker.checkNextName(catcher['Next'], `${path}.Next`, 'Next');
  checker.checkPath(catcher, 'ResultPath', 'reference');
}
