import { isDistributedMap as isDistributedMapDefinition } from '../engine/index.js';
import { InvalidInputError } from '../errors.js';
import { collectStates } from '../sources/loadDefinition.js';
import type { LoadContext } from './loadContext.js';
import type { MapRunExpectation } from './types.js';

type Path = (string | number)[];

/**
 * Whether a state of a raw definition is a Distributed Map (`ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED`).
 *
 * @example
 * ```ts
 * isDistributedMap({ Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } } }); // true
 * ```
 */
export function isDistributedMap(state: Readonly<Record<string, unknown>>): boolean {
  return state['Type'] === 'Map' && isDistributedMapDefinition(state as unknown as Parameters<typeof isDistributedMapDefinition>[0]);
}

/**
 * A state expectation's `mapRun:`: the state must be a Distributed Map (only those start a Map Run).
 *
 * @example
 * ```ts
 * loadMapRunExpectation(context, ['scenarios', 0, 'expect', 'states', 'Charge orders', 'mapRun'], 'Charge orders', { failed: 2 }, definition, 'orders');
 * // { failed: 2 }
 * ```
 */
export function loadMapRunExpectation(
  context: LoadContext,
  path: Path,
  stateName: string,
  raw: MapRunExpectation,
  definition: unknown,
  stateMachine: string,
): MapRunExpectation {
  const state = collectStates(definition).find((candidate) => candidate.name === stateName)?.state;
  if (state === undefined || !isDistributedMap(state)) {
    const kind = state?.['Type'] === 'Map' ? 'an inline Map' : `a ${String(state?.['Type'] ?? 'missing')} state`;
    throw new InvalidInputError(
      `state ${JSON.stringify(stateName)}: mapRun: applies to a Distributed Map (ProcessorConfig Mode DISTRIBUTED), but it is ${kind} of ${stateMachine}`,
      context.at(path, 'key'),
    );
  }
  return { ...raw };
}

/**
 * A state expectation may not name a state of a Distributed Map's ItemProcessor: those states run in the
 * Map Run's child executions, whose histories are not the scenario's; their counts are the Map's `mapRun:`.
 *
 * @example
 * ```ts
 * assertNotInDistributedMapChild(context, path, 'Charge order', definition); // throws: runs in the child executions of "Charge orders"
 * ```
 */
export function assertNotInDistributedMapChild(context: LoadContext, path: Path, stateName: string, definition: unknown): void {
  for (const { name, state } of collectStates(definition)) {
    if (!isDistributedMap(state)) continue;
    if (!collectStates(state['ItemProcessor']).some((inner) => inner.name === stateName)) continue;
    throw new InvalidInputError(
      `state ${JSON.stringify(stateName)} runs in the child executions of the Distributed Map ${JSON.stringify(name)}, not in this execution's history; expect their counts with ${JSON.stringify(name)}: { mapRun: { succeeded: …, failed: … } }`,
      context.at(path, 'key'),
    );
  }
}
