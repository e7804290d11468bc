import { QueryLanguage } from '../asl/queryLanguage.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import { fieldKey } from '../validation/fieldIssues.js';
import { StateChecker, type StateMachineScope } from '../validation/StateChecker.js';
import type { StateTypeCheck } from '../validation/StateTypeCheck.js';
import { isSupportedStateType, stateTypeChecks, type SupportedStateType } from './stateTypeChecks.js';
import { checkStateQueryFields, queryLanguageFieldPlaces } from '../validation/validateQueryLanguage.js';

/** Fields AWS accepts in any state type that belong to features the engine does not implement yet. */
const unsupportedFields: Record<string, string> = {};

/**
 * One state of a machine: its type, then what every state gets (query-language fields, the fields its
 * type allows, `Next`/`End`, `InputPath`, `OutputPath`, `ResultPath`, `Parameters`), then its type's
 * own checks ({@link stateTypeChecks}). Issues go to `machine.issues` in that order.
 */
export function checkState(name: string, state: unknown, machine: StateMachineScope): void {
  // withStateQueryLanguages has given every state object its QueryLanguage.
  const checker = new StateChecker(name, isJsonObject(state) ? String(state['QueryLanguage']) : QueryLanguage.JSONPath, machine);
  if (!isJsonObject(state)) {
    checker.report('', 'A state must be a JSON object');
    return;
  }
  const type = state['Type'];
  if (!isSupportedStateType(type)) {
    checker.report(
      '.Type',
      `Unknown state type ${JSON.stringify(type)}; expected one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map`,
    );
    return;
  }
  const typeCheck: StateTypeCheck = stateTypeChecks[type];
  // QueryLanguage, Assign, Arguments, Output, Credentials, Items: checked by the query-language layer.
  checkStateQueryFields(state, undefined, (path, message) => checker.report(path, message));
  checkFieldNames(checker, type, typeCheck, state);
  checkTransition(checker, type, typeCheck, state);
  if (typeCheck.fields.includes('InputPath')) checker.checkPath(state, 'InputPath', 'path', true);
  if (typeCheck.fields.includes('OutputPath')) checker.checkPath(state, 'OutputPath', 'path', true);
  if (typeCheck.fields.includes('ResultPath')) checker.checkPath(state, 'ResultPath', 'reference');
  if (typeCheck.fields.includes('Parameters') && state['Parameters'] !== undefined)
    checker.checkPayloadTemplate(state['Parameters'], '.Parameters');
  typeCheck.check?.(state, checker);
}

/** Fields the state's type does not have, or that the engine does not implement yet. */
function checkFieldNames(checker: StateChecker, type: SupportedStateType, typeCheck: StateTypeCheck, state: JsonObject): void {
  for (const field of Object.keys(state)) {
    const unsupported = unsupportedFields[field];
    if (queryLanguageFieldPlaces[field]?.includes(type)) continue;
    const unsupportedInType = typeCheck.unsupportedFields?.[field];
    if (unsupported !== undefined) {
      checker.report(fieldKey(field), unsupported);
    } else if (unsupportedInType !== undefined) {
      checker.report(fieldKey(field), unsupportedInType);
    } else if (!typeCheck.fields.includes(field)) {
      checker.report(fieldKey(field), `${field} is not a field of ${type} states`);
    }
  }
}

/** A type that has `Next` needs exactly one of `Next` and `"End": true`; the others (Choice, Succeed, Fail) may have neither. */
function checkTransition(checker: StateChecker, type: SupportedStateType, typeCheck: StateTypeCheck, state: JsonObject): void {
  const hasNext = state['Next'] !== undefined;
  const hasEnd = state['End'] !== undefined;
  if (typeCheck.fields.includes('Next')) {
    if (hasEnd && state['End'] !== true) checker.report('.End', 'End must be true when present');
    if (hasNext && hasEnd) checker.report('', 'A state cannot have both Next and End');
    else if (!hasNext && state['End'] !== true) checker.report('', 'A non-terminal state needs Next or "End": true');
    if (hasNext) checker.checkNextName(state['Next'], '.Next', 'Next');
    return;
  }
  if (hasNext) checker.report('.Next', `${type} states cannot have Next`);
  if (hasEnd) checker.report('.End', `${type} states cannot have End`);
}
