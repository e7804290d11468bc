import { parseAslTimestamp } from './aslTimestamp.js';
import { choiceOperatorOf, operatorKeysOf, type ComparisonFamily, type Relation } from './choiceOperators.js';
import type { ChoiceRule } from './definitionTypes.js';
import { PathFailure } from '../data/pathFailure.js';
import { isJsonObject, type JsonValue } from '../data/json.js';
import { isContextPath, lookUpDataOrContextPath } from '../data/jsonPath.js';
import { stringMatches } from './stringMatches.js';
import { noVariables, type VariableReader } from '../data/variables.js';

/**
 * The cause AWS gives when a Choice condition reads a path that does not exist (observed in a real
 * execution; only `IsPresent` may test a missing path).
 */
const undefinedVariableDetail = "Invalid path: The choice state's condition path references an undefined value.";

/**
 * Whether a JSONPath Choice rule holds for the state's effective input. `Variable` and `…Path`
 * operands may also name workflow variables (`$retries`). Missing paths throw a PathFailure.
 * `contextObject` may be given as a function: it is then called only for a `$$…` path (most rules
 * never read the context object, and building it costs more than evaluating the rule).
 *
 * @example
 * choiceRuleHolds({ Variable: '$.count', NumericLessThan: 3, Next: 'Again' }, { count: 1 }, () => contextObject); // true
 */
export function choiceRuleHolds(
  rule: ChoiceRule,
  data: JsonValue,
  contextObject: JsonValue | (() => JsonValue),
  variables: VariableReader = noVariables,
): boolean {
  const and = rule['And'];
  if (Array.isArray(and)) return and.every((inner) => choiceRuleHolds(inner as ChoiceRule, data, contextObject, variables));
  const or = rule['Or'];
  if (Array.isArray(or)) return or.some((inner) => choiceRuleHolds(inner as ChoiceRule, data, contextObject, variables));
  const not = rule['Not'];
  if (isJsonObject(not)) return !choiceRuleHolds(not, data, contextObject, variables);

  const variable = rule['Variable'];
  const operatorKey = operatorKeysOf(rule)[0];
  const operator = operatorKey === undefined ? undefined : choiceOperatorOf(operatorKey);
  if (typeof variable !== 'string' || operatorKey === undefined || operator === undefined) {
    throw new PathFailure(`Malformed Choice rule ${JSON.stringify(rule)}`);
  }
  const expected = rule[operatorKey] as JsonValue;
  const lookup = lookUpDataOrContextPath(variable, data, contextFor(variable, contextObject), variables);
  if (operator.kind === 'typeTest' && operator.test === 'IsPresent') return lookup.found === expected;
  if (!lookup.found) throw new PathFailure(undefinedVariableDetail);
  const value = lookup.value;

  switch (operator.kind) {
    case 'typeTest':
      return typeTestHolds(operator.test, value) === expected;
    case 'matches':
      return typeof value === 'string' && typeof expected === 'string' && stringMatches(value, expected);
    case 'compare': {
      let operand = expected;
      if (operator.operandIsPath) {
        const operandPath = String(expected);
        const operandLookup = lookUpDataOrContextPath(operandPath, data, contextFor(operandPath, contextObject), variables);
        if (!operandLookup.found) throw new PathFailure(operandLookup.detail);
        operand = operandLookup.value;
      }
      return compare(operator.family, operator.relation, value, operand);
    }
  }
}

/** The context object a path reads: built only for a `$$…` path. */
function contextFor(path: string, contextObject: JsonValue | (() => JsonValue)): JsonValue {
  if (!isContextPath(path)) return null;
  return typeof contextObject === 'function' ? contextObject() : contextObject;
}

function typeTestHolds(test: 'IsNull' | 'IsPresent' | 'IsNumeric' | 'IsString' | 'IsBoolean' | 'IsTimestamp', value: JsonValue): boolean {
  switch (test) {
    case 'IsPresent':
      return true;
    case 'IsNull':
      return value === null;
    case 'IsNumeric':
      return typeof value === 'number';
    case 'IsString':
      return typeof value === 'string';
    case 'IsBoolean':
      return typeof value === 'boolean';
    case 'IsTimestamp':
      return typeof value === 'string' && parseAslTimestamp(value) !== undefined;
  }
}

/** Comparisons between values of the wrong type are simply false, as in AWS. */
function compare(family: ComparisonFamily, relation: Relation, value: JsonValue, operand: JsonValue): boolean {
  let left: string | number | boolean | undefined;
  let right: string | number | boolean | undefined;
  switch (family) {
    case 'String':
      if (typeof value !== 'string' || typeof operand !== 'string') return false;
      [left, right] = [value, operand];
      break;
    case 'Numeric':
      if (typeof value !== 'number' || typeof operand !== 'number') return false;
      [left, right] = [value, operand];
      break;
    case 'Boolean':
      return typeof value === 'boolean' && value === operand;
    case 'Timestamp':
      if (typeof value !== 'string' || typeof operand !== 'string') return false;
      left = parseAslTimestamp(value);
      right = parseAslTimestamp(operand);
      if (left === undefined || right === undefined) return false;
      break;
  }
  switch (relation) {
    case 'Equals':
      return left === right;
    case 'LessThan':
      return left < right;
    case 'GreaterThan':
      return left > right;
    case 'LessThanEquals':
      return left <= right;
    case 'GreaterThanEquals':
      return left >= right;
  }
}
