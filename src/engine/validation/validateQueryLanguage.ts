import { intrinsicExpressionProblem } from '../data/intrinsics.js';
import { isIntrinsicFunctionCall } from '../data/intrinsicsParser.js';
import { isJsonataExpression, jsonataSyntaxProblem } from '../data/jsonataExpressions.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../data/json.js';
import { QueryLanguage } from '../asl/queryLanguage.js';
import { variableNameProblem } from '../data/variables.js';

/**
 * Definition checks of the query-language layer (JSONata, Assign and variables, intrinsic
 * functions), called by findDefinitionIssues. Each check reports `(path, message)` with the path
 * relative to the state.
 */

export type ReportIssue = (path: string, message: string) => void;

/** Fields only JSONPath states have; a JSONata state that uses one is refused, as CreateStateMachine does. */
export const jsonPathOnlyFields = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'Result',
] as const;

/** Fields only JSONata states have. */
export const jsonataOnlyFields = ['Arguments', 'Output', 'Items'] as const;

const allStateTypes = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];

/**
 * The query-language fields and the state types in which this layer checks them (the general field
 * check skips them there). Assign and Output are listed for every type that could carry them so that
 * a misplaced one gets this layer's message rather than a generic one.
 */
export const queryLanguageFieldPlaces: Readonly<Record<string, readonly string[]>> = {
  QueryLanguage: allStateTypes,
  Assign: allStateTypes,
  Output: allStateTypes.filter((type) => type !== 'Fail'),
  Arguments: ['Task', 'Parallel'],
  Credentials: ['Task'],
  Items: ['Map'],
};

/** States whose `Assign` AWS accepts. */
const assigningStateTypes = ['Pass', 'Task', 'Choice', 'Wait', 'Map', 'Parallel'];

function fieldPath(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The state's query language: its own, else the definition's. */
export function stateQueryLanguage(state: JsonObject, definitionLanguage: unknown): string {
  return (state['QueryLanguage'] ?? definitionLanguage ?? QueryLanguage.JSONPath) as string;
}

/**
 * Fields of a state that belong to the other query language, `Assign` where AWS does not take it,
 * and the content of `Assign`, `Arguments`, `Output` and JSONata expressions.
 */
export function checkStateQueryFields(state: JsonObject, definitionLanguage: unknown, report: ReportIssue): void {
  const language = stateQueryLanguage(state, definitionLanguage);
  const type = String(state['Type']);
  if (language !== QueryLanguage.JSONPath && language !== QueryLanguage.JSONata) {
    report('.QueryLanguage', 'QueryLanguage must be "JSONPath" or "JSONata"');
    return;
  }
  const isJsonata = language === QueryLanguage.JSONata;
  for (const field of isJsonata ? jsonPathOnlyFields : jsonataOnlyFields) {
    if (state[field] !== undefined) {
      report(
        fieldPath(field),
        isJsonata
          ? `${field} is a JSONPath field; JSONata states use Arguments, Output and {% %} expressions`
          : `${field} is a JSONata field; set "QueryLanguage": "JSONata" to use it`,
      );
    }
  }
  if (state['Assign'] !== undefined) {
    if (assigningStateTypes.includes(type)) checkAssign(state['Assign'], '.Assign', isJsonata, report);
    else report('.Assign', `${type} states cannot assign variables`);
  }
  if (isJsonata) {
    for (const field of [
      'Arguments',
      'Output',
      'Credentials',
      'TimeoutSeconds',
      'HeartbeatSeconds',
      'Seconds',
      'Timestamp',
      'Error',
      'Cause',
      'Items',
      'ItemSelector',
      'MaxConcurrency',
      'ToleratedFailureCount',
      'ToleratedFailurePercentage',
    ]) {
      if (state[field] !== undefined) checkJsonataExpressions(state[field] as JsonValue, fieldPath(field), report);
    }
  } else if (state['Credentials'] !== undefined) {
    checkPayloadTemplateValues(state['Credentials'] as JsonValue, '.Credentials', report);
  }
}

/** A Catch clause: `ResultPath` in JSONPath states, `Output` in JSONata states; `Assign` in both. */
export function checkCatcherQueryFields(catcher: JsonObject, path: string, stateLanguage: string, report: ReportIssue): void {
  const isJsonata = stateLanguage === QueryLanguage.JSONata;
  if (isJsonata && catcher['ResultPath'] !== undefined)
    report(`${path}.ResultPath`, 'ResultPath is a JSONPath field; JSONata catchers use Output');
  if (!isJsonata && catcher['Output'] !== undefined)
    report(`${path}.Output`, 'Output is a JSONata field; set "QueryLanguage": "JSONata" to use it');
  if (isJsonata && catcher['Output'] !== undefined) checkJsonataExpressions(catcher['Output'] as JsonValue, `${path}.Output`, report);
  if (catcher['Assign'] !== undefined) checkAssign(catcher['Assign'], `${path}.Assign`, isJsonata, report);
}

/** A top-level Choice rule: `Condition` (JSONata) or a comparison (JSONPath), and its `Assign` / `Output`. */
export function checkChoiceRuleQueryFields(rule: JsonObject, path: string, stateLanguage: string, report: ReportIssue): void {
  const isJsonata = stateLanguage === QueryLanguage.JSONata;
  if (rule['Assign'] !== undefined) checkAssign(rule['Assign'], `${path}.Assign`, isJsonata, report);
  if (!isJsonata) {
    if (rule['Output'] !== undefined) report(`${path}.Output`, 'Output is a JSONata field; set "QueryLanguage": "JSONata" to use it');
    return;
  }
  for (const field of Object.keys(rule)) {
    if (!['Condition', 'Next', 'Assign', 'Output', 'Comment'].includes(field)) {
      report(`${path}${fieldPath(field)}`, `${field} is not a field of a JSONata Choice rule (use Condition)`);
    }
  }
  const condition = rule['Condition'];
  if (condition === undefined) report(path, 'A JSONata Choice rule needs a Condition');
  else if (typeof condition !== 'boolean' && !isJsonataExpression(condition))
    report(`${path}.Condition`, 'Condition must be a {% %} expression or a boolean');
  else checkJsonataExpressions(condition as JsonValue, `${path}.Condition`, report);
  if (rule['Output'] !== undefined) checkJsonataExpressions(rule['Output'] as JsonValue, `${path}.Output`, report);
}

function checkAssign(assign: unknown, path: string, isJsonata: boolean, report: ReportIssue): void {
  if (!isJsonObject(assign)) {
    report(path, 'Assign must be an object of variable names and values');
    return;
  }
  for (const key of Object.keys(assign)) {
    const name = !isJsonata && key.endsWith('.$') ? key.slice(0, -2) : key;
    const problem = variableNameProblem(name);
    if (problem) report(`${path}${fieldPath(key)}`, problem);
  }
  if (isJsonata) checkJsonataExpressions(assign, path, report);
  else checkPayloadTemplateValues(assign, path, report);
}

/** Every `{% %}` string in a JSONata field must compile. */
export function checkJsonataExpressions(value: JsonValue, path: string, report: ReportIssue): void {
  if (isJsonataExpression(value)) {
    const problem = jsonataSyntaxProblem(value);
    if (problem) report(path, problem);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkJsonataExpressions(item, `${path}[${index}]`, report);
    });
  } else if (isJsonObject(value))
    for (const [key, item] of Object.entries(value)) checkJsonataExpressions(item, `${path}${fieldPath(key)}`, report);
}

/**
 * The `.$` values of a JSONPath payload template (Parameters, ResultSelector, Assign, Credentials):
 * a path (`$.…`, `$$.…`, `$variable…`) or an intrinsic function that parses and exists.
 */
export function checkPayloadTemplateValues(template: JsonValue, path: string, report: ReportIssue): void {
  if (Array.isArray(template)) {
    template.forEach((item, index) => {
      checkPayloadTemplateValues(item, `${path}[${index}]`, report);
    });
    return;
  }
  if (!isJsonObject(template)) return;
  for (const [field, value] of Object.entries(template)) {
    const nested = `${path}${fieldPath(field)}`;
    if (!field.endsWith('.$')) checkPayloadTemplateValues(value, nested, report);
    else checkDynamicValue(value, nested, report);
  }
}

/** One `.$` value, or an ErrorPath / CausePath. */
export function checkDynamicValue(value: unknown, path: string, report: ReportIssue): void {
  if (typeof value !== 'string') {
    report(path, 'A field ending in ".$" must hold a JSONPath string or an intrinsic function');
  } else if (isIntrinsicFunctionCall(value)) {
    const problem = intrinsicExpressionProblem(value);
    if (problem) report(path, problem);
  } else if (!value.startsWith('$')) {
    report(path, 'A field ending in ".$" must hold a JSONPath starting with "$" or "$$", a variable ($name) or an intrinsic function');
  }
}
