import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidInputError } from '../../src/errors.js';
import { loadPlanDefinition } from '../../src/plan/loadPlanDefinition.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { fixture, removeWorkspaces, workspace } from '../scenarios/workspace.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(removeWorkspaces);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Definitions to mutate: Task retriers and catchers, a callback task, a Parallel and a Map among them. */
const seeds: Record<string, Json> = {
  orderRecovery: JSON.parse(readFileSync(join(process.cwd(), 'examples/order-recovery/statemachine.asl.json'), 'utf8')) as Json,
  dice: JSON.parse(
    fixture('definition', 'statemachine.asl.json').replace(
      '${RollFunctionArn}',
      'arn:aws:lambda:us-east-2:123456789012:function:roll-dice',
    ),
  ) as Json,
  nested: {
    StartAt: 'Fan out',
    States: {
      'Fan out': {
        Type: 'Parallel',
        Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Wait', Seconds: 5, Next: 'Right' }, Right: { Type: 'Pass', End: true } } }],
        Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 10 }],
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: 2,
        ItemProcessor: { StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } },
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  },
};

/** Every path into a JSON value that can be changed: object keys and array items. */
function pathsOf(value: Json, base: (string | number)[] = []): (string | number)[][] {
  const here = base.length > 0 ? [base] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...base, index]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...base, key]))];
  return here;
}

type Mutation = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'renameKey'; suffix: string };

/** The kind of edit a hand-written definition gets wrong: bad numbers, dangling names, wrong types, missing or misspelt fields. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    value: fc.constantFrom<Json>(
      -2,
      -1,
      0,
      1,
      1.5,
      3,
      1_000_000_000,
      99_999_999,
      31_622_401,
      '',
      'Done',
      'Nowhere',
      'States.ALL',
      'States.Bogus',
      '$.x',
      '$$',
      null,
      true,
      [],
      {},
      ['States.ALL'],
      { ErrorEquals: ['X'] },
    ),
  }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('renameKey' as const), suffix: fc.constantFrom('x', 's', 'Path') }),
);

function mutate(value: Json, path: readonly (string | number)[], change: Mutation): Json {
  const copy = structuredClone(value);
  let parent: Json = copy;
  for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[segment] as Json;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) {
    if (change.kind === 'set') parent[last as number] = change.value;
    else parent.splice(last as number, 1);
  } else if (parent !== null && typeof parent === 'object') {
    const item = parent[last as string] as Json;
    delete parent[last as string];
    if (change.kind === 'set') parent[last as string] = change.value;
    if (change.kind === 'renameKey') parent[`${String(last)}${change.suffix}`] = item;
  }
  return copy;
}

/** How a loader answered: accepted, or refused with an InvalidInputError (anything else fails the test). */
async function verdictOf(load: () => Promise<unknown>): Promise<'accepted' | 'refused'> {
  try {
    await load();
    return 'accepted';
  } catch (error) {
    if (error instanceof InvalidInputError) return 'refused';
    throw error;
  }
}

const scenarioFile = `stateMachines:
  machine:
    definition: statemachine.asl.json
scenarios:
  - name: any
    stateMachine: machine
    expect: { status: SUCCEEDED }
`;

describe('chaos plan checks a definition as chaos run does', () => {
  it('accepts exactly the mutated definitions that chaos run accepts', async () => {
    let refusedByBoth = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(seeds)).chain((name) => {
          const seed = seeds[name] as Json;
          return fc.tuple(fc.constant(seed), fc.constantFrom(...pathsOf(seed)), mutation);
        }),
        async ([seed, path, change]) => {
          const dir = workspace({
            'scenarios.yaml': scenarioFile,
            'statemachine.asl.json': JSON.stringify(mutate(seed, path, change), null, 2),
          });
          // --target aws reads no handlers: run's verdict is then the definition's alone.
          const run = await verdictOf(() => loadScenarioFile('scenarios.yaml', { cwd: dir, requireHandlers: false }));
          const plan = await verdictOf(() => loadPlanDefinition({ definitionFile: 'statemachine.asl.json' }, dir));
          if (run === 'refused') refusedByBoth += plan === 'refused' ? 1 : 0;
          expect({ path, change, plan }).toEqual({ path, change, plan: run });
        },
      ),
      { numRuns: 100, seed: 20261206 },
    );
    // The mutations do reach the validation: a good share of them is refused.
    expect(refusedByBoth).toBeGreaterThan(15);
  }, 120_000);

  it.each([
    [
      'a MaxAttempts below 0',
      { MaxAttempts: -2 },
      /the definition of statemachine is not valid ASL: States\.Roll\.Retry\[0\]\.MaxAttempts must be >= 0/,
    ],
    [
      'a Next to a missing state',
      { Next: 'Donee' },
      /States\["Roll"\]\.Next: Missing 'Next' target: "Donee" is not a state of this machine/,
    ],
  ])('refuses %s with exit 2 and one line', async (_label, change, message) => {
    const definition = JSON.parse(fixture('definition', 'statemachine.asl.json')) as {
      States: { Roll: Record<string, unknown> & { Retry: Record<string, unknown>[] } };
    };
    if ('MaxAttempts' in change) Object.assign(definition.States.Roll.Retry[0] as object, change);
    else Object.assign(definition.States.Roll, change);
    const dir = workspace({ 'statemachine.asl.json': JSON.stringify(definition, null, 2) });
    const error = await loadPlanDefinition({ definitionFile: 'statemachine.asl.json' }, dir).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).exitCode).toBe(2);
    expect((error as InvalidInputError).message).toMatch(message);
    expect((error as InvalidInputError).message).not.toContain('\n');
  });

  it('still plans a definition whose ${Name} placeholders have no value', async () => {
    const dir = workspace({ 'statemachine.asl.json': fixture('definition', 'statemachine.asl.json') });
    const loaded = await loadPlanDefinition({ definitionFile: 'statemachine.asl.json' }, dir);
    expect(JSON.stringify(loaded.definition)).toContain('${RollFunctionArn}');
  });
});
