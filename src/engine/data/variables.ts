import { toJsonText, type JsonObject, type JsonValue } from './json.js';

/**
 * Workflow variables (`Assign`, read as `$name`). The top-level states of an execution share one
 * scope; A Parallel branch or a Map iteration gets a child scope that reads its parents' variables.
 * AWS documents that inner states cannot assign outer variables; here an assignment inside a child
 * scope creates the variable in that scope (shadowing the outer one for the rest of the branch), and
 * whether CreateStateMachine refuses such a name is UNCONFIRMED.
 */
export class VariableScope {
  readonly #parent: VariableScope | undefined;
  readonly #values = new Map<string, JsonValue>();

  constructor(parent?: VariableScope) {
    this.#parent = parent;
  }

  /** A scope for a Parallel branch or Map iteration: it sees this scope's variables, read-only. */
  child(): VariableScope {
    return new VariableScope(this);
  }

  lookUp(name: string): { found: true; value: JsonValue } | { found: false } {
    if (this.#values.has(name)) return { found: true, value: this.#values.get(name) as JsonValue };
    return this.#parent ? this.#parent.lookUp(name) : { found: false };
  }

  /** Every variable visible from here, inner scopes winning: the bindings of a JSONata expression. */
  visible(): JsonObject {
    const outer = this.#parent ? this.#parent.visible() : {};
    return { ...outer, ...Object.fromEntries(this.#values) };
  }

  /**
   * Stores the values of one state's `Assign`. They were all evaluated before any of them is stored,
   * so no assignment of a state sees another one of the same state.
   */
  assign(values: JsonObject): void {
    for (const [name, value] of Object.entries(values)) this.#values.set(name, value);
  }
}

/** Reads a variable by name; what JSONPath `$name` references resolve through. */
export type VariableReader = (name: string) => { found: true; value: JsonValue } | { found: false };

export const noVariables: VariableReader = () => ({ found: false });

/** `assignedVariables` / `assignedVariablesDetails` of a `…StateExited` event: each value as JSON text. */
export function assignedVariablesDetailsOf(assigned: JsonObject): {
  assignedVariables: Record<string, string>;
  assignedVariablesDetails: { truncated: boolean };
} {
  return {
    assignedVariables: Object.fromEntries(Object.entries(assigned).map(([name, value]) => [name, toJsonText(value)])),
    assignedVariablesDetails: { truncated: false },
  };
}

/**
 * Variable names AWS accepts: a letter or underscore, then letters, digits and underscores (Unicode
 * letters and digits included), at most 80 characters. `states` is reserved for `$states`.
 */
export function variableNameProblem(name: string): string | undefined {
  if (name === 'states') return 'The variable name "states" is reserved for $states';
  if (name.length > 80) return `The variable name "${name}" is longer than 80 characters`;
  if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name)) {
    return `The variable name "${name}" must start with a letter or underscore and contain only letters, digits and underscores`;
  }
  return undefined;
}
