import type { ExecutionAnalysis, StateVisit } from '../assertions/index.js';
import { findStateDefinition } from './stateDefinitions.js';

/**
 * What a state visit could see when it ran, read back from the history: the workflow variables in its scope
 * and, for Map and Parallel states, the result their iterations or branches produced. TestState is given
 * these so that it replays the state as the local run saw it.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `name` is a state of `machine` (a definition, a Parallel branch or a Map's processor), at any depth. */
function holdsState(machine: JsonObject, name: string): boolean {
  return findStateDefinition(machine, name) !== undefined;
}

/** The index of the Parallel state's branch that holds the state `name`, or -1. */
function branchIndexOf(parallel: JsonObject | undefined, name: string): number {
  const branches = Array.isArray(parallel?.['Branches']) ? parallel['Branches'] : [];
  return branches.findIndex((branch) => isObject(branch) && holdsState(branch, name));
}

/** A key per scope a visit runs in, outermost first: one per enclosing Map iteration or Parallel branch. */
function scopePath(analysis: ExecutionAnalysis, definition: JsonObject, visit: StateVisit): string[] {
  const path: string[] = [];
  let current: StateVisit | undefined = visit;
  while (current?.enclosingState) {
    const enclosing: NonNullable<StateVisit['enclosingState']> = current.enclosingState;
    const part =
      enclosing.iterationIndex !== undefined
        ? `item ${enclosing.iterationIndex}`
        : `branch ${branchIndexOf(findStateDefinition(definition, enclosing.name), current.name)}`;
    path.unshift(`${enclosing.name}#${enclosing.visit}#${enclosing.attempt}#${part}`);
    current = analysis.visits.find((candidate) => candidate.name === enclosing.name && candidate.visit === enclosing.visit);
  }
  return path;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

/**
 * The workflow variables in scope when `visit` was entered: every `assignedVariables` of a state that
 * exited before it, in its own scope or an enclosing one (a Map iteration or Parallel branch sees the
 * variables of the scopes around it, never those of a sibling). Undefined when nothing was assigned.
 *
 * @example
 * ```ts
 * variablesAt(result.analysis, definition, visit); // { orderId: 'o-1', attempts: 2 }
 * ```
 */
export function variablesAt(analysis: ExecutionAnalysis, definition: JsonObject, visit: StateVisit): JsonObject | undefined {
  const own = scopePath(analysis, definition, visit);
  const assigning = analysis.visits
    .filter(
      (other) =>
        other.assignedVariables !== undefined &&
        other.exitedEventId !== undefined &&
        other.exitedEventId < visit.enteredEventId &&
        startsWith(own, scopePath(analysis, definition, other)),
    )
    .sort((a, b) => (a.exitedEventId ?? 0) - (b.exitedEventId ?? 0));
  if (assigning.length === 0) return undefined;
  return Object.assign({}, ...assigning.map((other) => other.assignedVariables)) as JsonObject;
}

/**
 * The result a Map or Parallel state's attempt produced before its ResultSelector: the output of the last
 * state of each iteration (in index order) or branch (in definition order). Undefined when the history
 * lacks one of them (an iteration or branch that did not finish).
 *
 * @example
 * ```ts
 * nestedResultOf(result.analysis, definition, parallelVisit, 1); // [{ price: 3 }, { stock: 7 }]
 * ```
 */
export function nestedResultOf(
  analysis: ExecutionAnalysis,
  definition: JsonObject,
  visit: StateVisit,
  attempt: number,
  kind: 'map' | 'parallel',
): unknown[] | undefined {
  const state = findStateDefinition(definition, visit.name);
  const direct = analysis.visits.filter(
    (nested) =>
      nested.enclosingState?.name === visit.name &&
      nested.enclosingState.visit === visit.visit &&
      nested.enclosingState.attempt === attempt,
  );
  const groups = new Map<number, StateVisit[]>();
  for (const nested of direct) {
    const key = kind === 'map' ? (nested.enclosingState?.iterationIndex ?? -1) : branchIndexOf(state, nested.name);
    if (key < 0) return undefined;
    groups.set(key, [...(groups.get(key) ?? []), nested]);
  }
  const expected = kind === 'parallel' && Array.isArray(state?.['Branches']) ? state['Branches'].length : groups.size;
  const results: unknown[] = [];
  for (let index = 0; index < expected; index += 1) {
    const last = groups
      .get(index)
      ?.filter((nested) => nested.exitedEventId !== undefined && nested.outcome !== 'failed')
      .sort((a, b) => (b.exitedEventId ?? 0) - (a.exitedEventId ?? 0))[0];
    if (!last || !('output' in last)) return undefined;
    results.push(last.output);
  }
  return results;
}
