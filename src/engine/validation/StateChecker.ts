import { isDefinitePath } from '../data/jsonPath.js';
import { isJsonObject, type JsonObject } from '../data/json.js';
import type { DefinitionIssue } from '../api/types.js';
import { fieldKey, integerFieldIssue, missingTargetMessage } from './fieldIssues.js';
import { checkDynamicValue } from './validateQueryLanguage.js';

/** The state machine a state belongs to (the top level, a Parallel branch or a Map processor), as its checks see it. */
export interface StateMachineScope {
  /** The names of this machine's states: the only targets its transitions may name. */
  readonly stateNames: ReadonlySet<string>;
  /** Where every issue goes, in the order found. */
  readonly issues: DefinitionIssue[];
  /** Locates the machine in issue paths: '' at the top level, `States["P"].Branches[0].` for a branch. */
  readonly prefix: string;
  /** Checks a nested machine (StartAt, States and each of its states), `prefix` locating it in issue paths. */
  readonly checkMachine: (machine: JsonObject, prefix: string, issues: DefinitionIssue[]) => void;
}

/**
 * Reports the issues of one state, each with the state's name and a path inside the state, and checks
 * the field forms that several state types share (integers, transitions, paths, payload templates,
 * nested machines).
 */
export class StateChecker {
  /** The state's query language, as withStateQueryLanguages labelled it. */
  readonly language: string;
  readonly #name: string;
  readonly #machine: StateMachineScope;
  readonly #prefix: string;

  constructor(name: string, language: string, machine: StateMachineScope) {
    this.#name = name;
    this.language = language;
    this.#machine = machine;
    this.#prefix = `${machine.prefix}States[${JSON.stringify(name)}]`;
  }

  /** Records an issue at `path` inside the state ('' for the state itself). */
  report(path: string, message: string): void {
    this.#machine.issues.push({ path: `${this.#prefix}${path}`, stateName: this.#name, message });
  }

  /** Reports `object[field]` unless it is absent or an integer from `min` to `max`; true when nothing was reported. */
  checkInteger(object: JsonObject, field: string, min: number, path = '', note = '', max?: number): boolean {
    if (object[field] === undefined) return true;
    const issue = integerFieldIssue(field, object[field], min, max);
    if (issue !== undefined) this.report(`${path}${fieldKey(field)}`, `${issue}${note}`);
    return issue === undefined;
  }

  /** Reports a transition (`Next`, `Default`) that is not the name of a state of this machine. */
  checkNextName(value: unknown, path: string, field: string): void {
    if (typeof value !== 'string') {
      this.report(path, `${field} must be the name of a state`);
    } else if (!this.#machine.stateNames.has(value)) {
      this.report(path, missingTargetMessage(field, value));
    }
  }

  /**
   * Reports `state[field]` unless it is absent, null or a JSONPath (a reference path: no wildcards,
   * filters or slices). A context path (`$$…`) is accepted only with `allowContext` (InputPath,
   * OutputPath, ErrorPath and CausePath, which AWS accepts with `$$`, as recorded).
   */
  checkPath(state: JsonObject, field: string, kind: 'path' | 'reference', allowContext = false): void {
    const value = state[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'string' || !value.startsWith('$') || (value.startsWith('$$') && !allowContext)) {
      this.report(fieldKey(field), `${field} must be a JSONPath starting with "$" (or null)`);
    } else if (kind === 'reference' && !isDefinitePath(value)) {
      this.report(fieldKey(field), `${field} must be a reference path (no wildcards, filters or slices)`);
    }
  }

  /** The dynamic values (`"field.$"`) of a JSONPath payload template (Parameters, ResultSelector, ItemSelector), at any depth. */
  checkPayloadTemplate(template: unknown, path: string): void {
    if (Array.isArray(template)) {
      template.forEach((item, index) => {
        this.checkPayloadTemplate(item, `${path}[${index}]`);
      });
      return;
    }
    if (!isJsonObject(template)) return;
    for (const [field, value] of Object.entries(template)) {
      const fieldPath = `${path}${fieldKey(field)}`;
      if (!field.endsWith('.$')) {
        this.checkPayloadTemplate(value, fieldPath);
      } else {
        checkDynamicValue(value, fieldPath, (issuePath, message) => this.report(issuePath, message));
      }
    }
  }

  /** A Parallel branch or a Map processor: a state machine of its own, whose transitions stay inside it. */
  checkNestedMachine(machine: unknown, path: string, extraFields: readonly string[] = []): void {
    if (!isJsonObject(machine)) {
      this.report(path, 'A branch must be an object with StartAt and States');
      return;
    }
    for (const field of Object.keys(machine)) {
      if (!['StartAt', 'States', 'Comment', ...extraFields].includes(field)) {
        this.report(`${path}${fieldKey(field)}`, `${field} is not a field of a nested state machine`);
      }
    }
    this.#machine.checkMachine(machine, `${this.#prefix}${path}.`, this.#machine.issues);
  }
}
