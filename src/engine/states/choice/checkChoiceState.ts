import { parseAslTimestamp } from '../../asl/aslTimestamp.js';
import { choiceOperatorOf, operatorKeysOf } from '../../asl/choiceOperators.js';
import { QueryLanguage } from '../../asl/queryLanguage.js';
import { isJsonObject, type JsonObject } from '../../data/json.js';
import { fieldKey } from '../../validation/fieldIssues.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';
import { checkChoiceRuleQueryFields } from '../../validation/validateQueryLanguage.js';

/** Definition checks of Choice states: the rules (JSONPath comparisons and combinators, or JSONata conditions) and their targets. */
export const choiceStateCheck: StateTypeCheck = {
  fields: ['Type', 'Comment', 'Choices', 'Default', 'InputPath', 'OutputPath'],
  check: checkChoiceState,
};

function checkChoiceState(state: JsonObject, checker: StateChecker): void {
  const choices = state['Choices'];
  if (!Array.isArray(choices) || choices.length === 0) {
    checker.report('.Choices', 'Choices must be a non-empty array of rules');
  } else {
    choices.forEach((rule, index) => {
      const rulePath = `.Choices[${index}]`;
      if (!isJsonObject(rule)) {
        checker.report(rulePath, 'A Choice rule must be an object');
        return;
      }
      checker.checkNextName(rule['Next'], `${rulePath}.Next`, 'Next');
      checkChoiceRuleQueryFields(rule, rulePath, checker.language, (path, message) => checker.report(path, message));
      if (checker.language !== QueryLanguage.JSONata) checkChoiceRule(checker, rule, rulePath, true);
    });
  }
  if (state['Default'] !== undefined) checker.checkNextName(state['Default'], '.Default', 'Default');
}

function checkChoiceRule(checker: StateChecker, rule: JsonObject, path: string, isTopLevel: boolean): void {
  if (rule['Condition'] !== undefined) {
    checker.report(`${path}.Condition`, 'Condition is a JSONata field; set "QueryLanguage": "JSONata" to use it');
    return;
  }
  if (!isTopLevel && rule['Next'] !== undefined) checker.report(`${path}.Next`, 'Only top-level Choice rules may have Next');
  const allowedExtra = isTopLevel ? ['Next', 'Assign', 'Comment'] : ['Comment'];
  const combinator = ['And', 'Or', 'Not'].filter((field) => rule[field] !== undefined);
  if (combinator.length > 0) {
    if (combinator.length > 1 || rule['Variable'] !== undefined)
      checker.report(path, 'A Choice rule must use exactly one of And, Or, Not or a comparison');
    for (const field of combinator) {
      const inner = rule[field];
      if (field === 'Not') {
        if (isJsonObject(inner)) checkChoiceRule(checker, inner, `${path}.Not`, false);
        else checker.report(`${path}.Not`, 'Not must hold one Choice rule');
      } else if (Array.isArray(inner) && inner.length > 0) {
        inner.forEach((item, index) => {
          if (isJsonObject(item)) checkChoiceRule(checker, item, `${path}.${field}[${index}]`, false);
          else checker.report(`${path}.${field}[${index}]`, 'A Choice rule must be an object');
        });
      } else {
        checker.report(`${path}.${field}`, `${field} must be a non-empty array of Choice rules`);
      }
    }
    return;
  }
  const variable = rule['Variable'];
  if (typeof variable !== 'string' || !variable.startsWith('$')) {
    checker.report(`${path}.Variable`, 'A comparison needs a Variable path starting with "$"');
  }
  const operators = operatorKeysOf(rule);
  if (operators.length !== 1) {
    checker.report(
      path,
      operators.length === 0 ? 'A comparison needs one comparison operator' : `A comparison has several operators: ${operators.join(', ')}`,
    );
  }
  for (const field of Object.keys(rule)) {
    if (field !== 'Variable' && !operators.includes(field) && !allowedExtra.includes(field)) {
      checker.report(`${path}${fieldKey(field)}`, `${field} is not a Choice rule field`);
    }
  }
  for (const operatorKey of operators) checkOperand(checker, operatorKey, rule[operatorKey], `${path}${fieldKey(operatorKey)}`);
}

function checkOperand(checker: StateChecker, operatorKey: string, operand: unknown, path: string): void {
  const operator = choiceOperatorOf(operatorKey);
  if (!operator) return;
  if (operator.kind === 'typeTest') {
    if (typeof operand !== 'boolean') checker.report(path, `${operatorKey} takes true or false`);
    return;
  }
  if (operator.kind === 'matches') {
    if (typeof operand !== 'string') checker.report(path, 'StringMatches takes a pattern string');
    return;
  }
  if (operator.operandIsPath) {
    if (typeof operand !== 'string' || !operand.startsWith('$')) checker.report(path, `${operatorKey} takes a path starting with "$"`);
    return;
  }
  const wrongType =
    (operator.family === 'String' && typeof operand !== 'string') ||
    (operator.family === 'Numeric' && typeof operand !== 'number') ||
    (operator.family === 'Boolean' && typeof operand !== 'boolean') ||
    (operator.family === 'Timestamp' && (typeof operand !== 'string' || parseAslTimestamp(operand) === undefined));
  if (wrongType) {
    const expected = {
      String: 'a string',
      Numeric: 'a number',
      Boolean: 'true or false',
      Timestamp: 'an ISO-8601 timestamp such as 2016-08-18T17:33:00Z',
    }[operator.family];
    checker.report(path, `${operatorKey} takes ${expected}`);
  }
}
