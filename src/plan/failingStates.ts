import { isDistributedMap } from '../engine/index.js';
import { collectStates } from '../sources/loadDefinition.js';
import type { DocumentPath } from '../sources/loadErrors.js';
import type { FailingState, FailingStateType, PlanCatcher, PlanRetrier } from './types.js';

const failingTypes: ReadonlySet<string> = new Set<FailingStateType>(['Task', 'Parallel', 'Map']);

/**
 * Every Task, Parallel and Map state of a definition, depth first, nested branches and Map
 * processors included: the states where `Retry` and `Catch` are allowed and attempts can fail.
 *
 * @example
 * ```ts
 * failingStatesOf(definition).map((state) => state.name); // ['Download Benner', 'Download Exoplanets']
 * ```
 */
export function failingStatesOf(definition: unknown): FailingState[] {
  const found: FailingState[] = [];
  for (const { name, state, path } of collectStates(definition)) {
    const type = state['Type'];
    if (typeof type !== 'string' || !failingTypes.has(type)) continue;
    const enclosingState = enclosingStateOf(path);
    found.push({
      name,
      type: type as FailingStateType,
      path,
      ...(enclosingState === undefined ? {} : { enclosingState }),
      retriers: rulesOf(state['Retry']).map((rule) => rule as unknown as PlanRetrier),
      catchers: rulesOf(state['Catch'])
        .filter((rule) => typeof rule['Next'] === 'string')
        .map((rule) => rule as unknown as PlanCatcher),
      state,
    });
  }
  return found;
}

/** Only well-formed rules: a definition that got past validation has nothing else, but `chaos plan` reads raw files. */
function rulesOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (rule): rule is Record<string, unknown> =>
      typeof rule === 'object' &&
      rule !== null &&
      Array.isArray((rule as Record<string, unknown>)['ErrorEquals']) &&
      ((rule as Record<string, unknown>)['ErrorEquals'] as unknown[]).every((name) => typeof name === 'string'),
  );
}

/**
 * The nearest Parallel or Map around a state, read off its path: `States, P, Branches, 0, States, X`
 * or `States, M, ItemProcessor, States, X`.
 */
function enclosingStateOf(path: DocumentPath): string | undefined {
  let enclosing: string | undefined;
  let index = 0;
  while (index + 1 < path.length - 1) {
    // path[index] is 'States' and path[index + 1] a state name; what follows says how we go deeper.
    const name = path[index + 1];
    const next = path[index + 2];
    if (typeof name !== 'string') return enclosing;
    if (next === 'Branches') {
      enclosing = name;
      index += 4;
    } else if (next === 'ItemProcessor' || next === 'Iterator') {
      enclosing = name;
      index += 3;
    } else {
      return enclosing;
    }
  }
  return enclosing;
}

/**
 * What encloses a nested state: a Map (its uncaught errors fail an iteration), a Distributed Map (they
 * fail its child execution, an item of the Map Run) or a Parallel.
 */
export function enclosingTypeOf(states: readonly FailingState[], state: FailingState): FailingStateType | 'DistributedMap' | undefined {
  if (state.enclosingState === undefined) return undefined;
  const enclosing = states.find((candidate) => candidate.name === state.enclosingState);
  return enclosing?.type === 'Map' && isDistributedMap(enclosing.state as unknown as Parameters<typeof isDistributedMap>[0])
    ? 'DistributedMap'
    : enclosing?.type;
}
