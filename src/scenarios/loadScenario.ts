import { ChaosConfigError, parseFaultRule } from '../injectors/index.js';
import { FAULT_KIND_NAMES, FAULT_KINDS, faultKindOf } from '../injectors/faultKinds/index.js';
import { scenarioKeyOwners } from '../injectors/faultKinds/schemaFragments.js';
import type { FaultRule } from '../injectors/types.js';
import { InvalidInputError } from '../errors.js';
import type { LoadContext } from './loadContext.js';
import { didYouMean, listNames } from '../sources/loadErrors.js';
import { loadActivityWorkers } from './loadActivityWorkers.js';
import { loadCallbacks } from './loadCallbacks.js';
import { assertNotInDistributedMapChild, loadMapRunExpectation } from './loadMapRunExpectation.js';
import { loadS3Objects } from './loadS3Objects.js';
import type { LoadedFunctions } from './loadFunctions.js';
import { assertEveryServiceTaskStandsIn, assertJsonValue, loadServiceStandIns } from './loadServiceStandIns.js';
import { loadTaskFaultTarget, type LoadedTaskFaultTarget } from './loadTaskFaultTarget.js';
import type { RawExpectation, RawFault, RawScenario, RawScenarioFile, RawStateExpectation } from './rawScenarioFile.js';
import type { ExecutionExpectation, Scenario, ScenarioFault, StateExpectation, StateMachineSpec } from './types.js';

/**
 * One scenario of the file: its faults turned into injector rules for known functions, and its
 * expectations checked against the state machine's states.
 */

/** A loaded state machine with what scenarios check against. */
export interface LoadedStateMachine {
  spec: StateMachineSpec;
  /** Every state name, nested branches and Map processors included. */
  stateNames: string[];
  functions: LoadedFunctions;
}

type Path = (string | number)[];

/** `a:`, `a: or b:`, `a:, b: or c:`. */
function keyList(keys: readonly string[], joiner: string): string {
  const shown = keys.map((key) => `${key}:`);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} ${joiner} ${shown[shown.length - 1] ?? ''}`;
}

/** `a`, `a and b`, `a, b and c`. */
function nameList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

const SCENARIO_KEY_OWNERS = scenarioKeyOwners();

export async function loadScenario(
  context: LoadContext,
  index: number,
  raw: RawScenario,
  machines: ReadonlyMap<string, LoadedStateMachine>,
  defaults: RawScenarioFile['defaults'],
): Promise<Scenario> {
  const path: Path = ['scenarios', index];
  const machineKey = stateMachineOf(context, path, raw, machines);
  const machine = machines.get(machineKey);
  if (!machine) throw new InvalidInputError(`unknown state machine ${JSON.stringify(machineKey)}`, context.at(path));

  const input = raw.input ?? {};
  assertJsonValue(context, input, [...path, 'input']);
  const faults = (raw.faults ?? []).map((fault, faultIndex) =>
    loadFault(context, [...path, 'faults', faultIndex], fault, machine, machineKey, machines),
  );
  const ids = new Set<string>();
  (raw.faults ?? []).forEach((fault, faultIndex) => {
    if (fault.id === undefined) return;
    if (ids.has(fault.id))
      throw new InvalidInputError(
        `fault id ${JSON.stringify(fault.id)} is used twice in this scenario`,
        context.at([...path, 'faults', faultIndex, 'id']),
      );
    ids.add(fault.id);
  });

  const { definition } = machine.spec;
  const services =
    raw.services === undefined
      ? undefined
      : await loadServiceStandIns(context, [...path, 'services'], raw.services, definition, machineKey);
  assertEveryServiceTaskStandsIn(context, definition, machineKey, [services, machine.spec.services], path);
  const s3Objects = raw.s3Objects === undefined ? undefined : await loadS3Objects(context, [...path, 's3Objects'], raw.s3Objects);
  const callbacks =
    raw.callbacks === undefined
      ? undefined
      : loadCallbacks(context, [...path, 'callbacks'], raw.callbacks, definition, machine.stateNames, machineKey);
  const activities =
    raw.activities === undefined
      ? undefined
      : loadActivityWorkers(context, [...path, 'activities'], raw.activities, definition, machineKey);

  const seed = raw.seed ?? defaults?.seed;
  return {
    name: raw.name,
    stateMachine: machineKey,
    input,
    faults,
    expect: loadExpectation(context, [...path, 'expect'], raw.expect, machine, defaults?.tolerance),
    ...(services === undefined ? {} : { services }),
    ...(s3Objects === undefined ? {} : { s3Objects }),
    ...(callbacks === undefined ? {} : { callbacks }),
    ...(activities === undefined ? {} : { activities }),
    ...(seed === undefined ? {} : { seed }),
    at: context.at(path),
  };
}

function stateMachineOf(context: LoadContext, path: Path, raw: RawScenario, machines: ReadonlyMap<string, LoadedStateMachine>): string {
  const keys = [...machines.keys()];
  if (raw.stateMachine === undefined) {
    const [only, second] = keys;
    if (only !== undefined && second === undefined) return only;
    throw new InvalidInputError(`scenario ${JSON.stringify(raw.name)} needs stateMachine: (one of ${listNames(keys)})`, context.at(path));
  }
  if (!machines.has(raw.stateMachine)) {
    const hint = didYouMean(raw.stateMachine, keys) || `; the file defines ${listNames(keys)}`;
    throw new InvalidInputError(`unknown state machine ${JSON.stringify(raw.stateMachine)}${hint}`, context.at([...path, 'stateMachine']));
  }
  return raw.stateMachine;
}

function loadFault(
  context: LoadContext,
  path: Path,
  raw: RawFault,
  machine: LoadedStateMachine,
  machineKey: string,
  machines: ReadonlyMap<string, LoadedStateMachine>,
): ScenarioFault {
  const kinds = FAULT_KIND_NAMES.filter((name) => raw[FAULT_KINDS[name].scenarioKey] !== undefined);
  const [kind, extra] = kinds;
  if (kind === undefined) {
    throw new InvalidInputError(
      `a fault needs one of ${keyList(
        FAULT_KIND_NAMES.map((name) => FAULT_KINDS[name].scenarioKey),
        'or',
      )}`,
      context.at(path),
    );
  }
  const definition = faultKindOf(kind);
  if (extra !== undefined) {
    const extraKey = FAULT_KINDS[extra].scenarioKey;
    throw new InvalidInputError(
      `a fault does one thing, but this one has both ${definition.scenarioKey}: and ${extraKey}:; split it into two faults`,
      context.at([...path, extraKey], 'key'),
    );
  }
  for (const [key, owners] of SCENARIO_KEY_OWNERS) {
    if (raw[key] !== undefined && !owners.includes(kind)) {
      throw new InvalidInputError(`${key}: applies only to ${nameList(owners)} faults, not to ${kind}`, context.at([...path, key], 'key'));
    }
  }
  if (raw.rate !== undefined && raw.attempts !== undefined) {
    throw new InvalidInputError(
      'rate: and attempts: exclude each other; keep one (neither fires on every invocation)',
      context.at([...path, 'attempts'], 'key'),
    );
  }
  if (raw.attempts !== undefined) {
    const seen = new Set<number>();
    raw.attempts.forEach((attempt, attemptIndex) => {
      if (seen.has(attempt))
        throw new InvalidInputError(`attempt ${attempt} is listed twice`, context.at([...path, 'attempts', attemptIndex]));
      seen.add(attempt);
    });
  }

  const targetKeys = (['function', 'state', 'service', 'activity'] as const).filter((key) => raw[key] !== undefined);
  const [targetKey, extraTarget] = targetKeys;
  if (targetKey === undefined) {
    throw new InvalidInputError(
      'a fault needs what it breaks: function: (a Lambda function), state: or service: (a service Task), activity: (an activity Task)',
      context.at(path),
    );
  }
  if (extraTarget !== undefined) {
    throw new InvalidInputError(
      `a fault breaks one thing, but this one has both ${targetKey}: and ${extraTarget}:; split it into two faults`,
      context.at([...path, extraTarget], 'key'),
    );
  }
  let target: { function: string; stateMachine?: string } | LoadedTaskFaultTarget;
  if (raw.function === undefined) {
    target = loadTaskFaultTarget(context, path, raw, kind, machineKey, machines);
  } else {
    target = loadFunctionTarget(context, path, raw.function, raw.stateMachine, machine, machineKey, machines);
  }

  const fields = definition.ruleFieldsFromScenario(raw);
  if ('problem' in fields) {
    throw new InvalidInputError(fields.problem, context.at([...path, fields.key]));
  }
  const rule: FaultRule = { kind };
  if (raw.id !== undefined) rule.id = raw.id;
  Object.assign(rule, fields);
  if (raw.rate !== undefined) rule.rate = raw.rate;
  if (raw.attempts !== undefined) rule.attempts = [...raw.attempts];
  if (raw.match !== undefined) rule.match = raw.match;
  // The rule must be one a deployed injector accepts too: checked by the injector's own parser.
  try {
    parseFaultRule(rule);
  } catch (error) {
    if (error instanceof ChaosConfigError) throw new InvalidInputError(`fault ${error.message}`, context.at(path));
    throw error;
  }
  return { ...target, rule, at: context.at(path) };
}

/**
 * A fault's `function:`: a function of the scenario's state machine, else of the first other one that
 * has it (a nested workflow's); `stateMachine:` names the machine instead.
 */
function loadFunctionTarget(
  context: LoadContext,
  path: Path,
  name: string,
  stateMachine: string | undefined,
  machine: LoadedStateMachine,
  machineKey: string,
  machines: ReadonlyMap<string, LoadedStateMachine>,
): { function: string; stateMachine?: string } {
  if (stateMachine !== undefined) {
    const named = machines.get(stateMachine);
    if (named === undefined) {
      const keys = [...machines.keys()];
      const hint = didYouMean(stateMachine, keys) || `; the file defines ${listNames(keys)}`;
      throw new InvalidInputError(`unknown state machine ${JSON.stringify(stateMachine)}${hint}`, context.at([...path, 'stateMachine']));
    }
    const found = named.functions.keyFor(name);
    if ('problem' in found) throw new InvalidInputError(found.problem, context.at([...path, 'function']));
    return { function: found.key, ...(stateMachine === machineKey ? {} : { stateMachine }) };
  }
  const own = machine.functions.keyFor(name);
  // A function the scenario's machine does not have may be a nested workflow's (another entry of stateMachines:).
  const nested = 'problem' in own ? nestedFunctionKey(name, machineKey, machines) : undefined;
  const resolved = nested ?? own;
  if ('problem' in resolved) throw new InvalidInputError(resolved.problem, context.at([...path, 'function']));
  return { function: resolved.key, ...(nested === undefined ? {} : { stateMachine: nested.stateMachine }) };
}

/** The first other state machine of the file with a function by that key or reference. */
function nestedFunctionKey(
  name: string,
  machineKey: string,
  machines: ReadonlyMap<string, LoadedStateMachine>,
): { key: string; stateMachine: string } | undefined {
  for (const [key, other] of machines) {
    if (key === machineKey) continue;
    const found = other.functions.keyFor(name);
    if (!('problem' in found)) return { key: found.key, stateMachine: key };
  }
  return undefined;
}

function loadExpectation(
  context: LoadContext,
  path: Path,
  raw: RawExpectation,
  machine: LoadedStateMachine,
  defaultTolerance: number | undefined,
): ExecutionExpectation {
  const failing = raw.status === undefined || raw.status === 'FAILED' || raw.status === 'TIMED_OUT' || raw.status === 'ABORTED';
  for (const field of ['error', 'cause'] as const) {
    if (raw[field] !== undefined && !failing) {
      throw new InvalidInputError(
        `${field}: applies to a FAILED, TIMED_OUT or ABORTED execution, not to status ${raw.status}`,
        context.at([...path, field], 'key'),
      );
    }
  }
  for (const field of ['output', 'outputIncludes'] as const) {
    if (raw[field] !== undefined && raw.status !== undefined && raw.status !== 'SUCCEEDED') {
      throw new InvalidInputError(
        `${field}: applies to a SUCCEEDED execution, not to status ${raw.status}`,
        context.at([...path, field], 'key'),
      );
    }
    if (raw[field] !== undefined) assertJsonValue(context, raw[field], [...path, field]);
  }
  if (raw.output !== undefined && raw.outputIncludes !== undefined) {
    throw new InvalidInputError(
      'output: and outputIncludes: are both given; keep one (output is the whole output, outputIncludes a part of it)',
      context.at([...path, 'outputIncludes'], 'key'),
    );
  }

  const expectation: ExecutionExpectation = { at: context.at(path, 'key') };
  if (raw.status !== undefined) expectation.status = raw.status;
  if (raw.error !== undefined) expectation.error = raw.error;
  if (raw.cause !== undefined) expectation.cause = raw.cause;
  if (raw.output !== undefined) expectation.output = raw.output;
  if (raw.outputIncludes !== undefined) expectation.outputIncludes = raw.outputIncludes;
  if (raw.states !== undefined) {
    const states: Record<string, StateExpectation> = {};
    for (const [name, state] of Object.entries(raw.states)) {
      const statePath = [...path, 'states', name];
      if (!machine.stateNames.includes(name)) {
        throw new InvalidInputError(
          `state ${JSON.stringify(name)} not in ${machine.spec.key}${didYouMean(name, machine.stateNames)}`,
          context.at(statePath, 'key'),
        );
      }
      assertNotInDistributedMapChild(context, statePath, name, machine.spec.definition);
      Object.defineProperty(states, name, {
        value: loadStateExpectation(context, statePath, name, state, machine, defaultTolerance),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    expectation.states = states;
  }
  return expectation;
}

function loadStateExpectation(
  context: LoadContext,
  path: Path,
  name: string,
  raw: RawStateExpectation,
  machine: LoadedStateMachine,
  defaultTolerance: number | undefined,
): StateExpectation {
  const conflict = (field: string, message: string): InvalidInputError =>
    new InvalidInputError(`state ${JSON.stringify(name)}: ${message}`, context.at([...path, field], 'key'));

  if (raw.entered === false) {
    const clash = (['visit', 'attempts', 'backoff', 'errors', 'caughtBy', 'outcome', 'tolerance', 'fromPlan', 'mapRun'] as const).find(
      (field) => raw[field] !== undefined,
    );
    if (clash !== undefined) throw conflict(clash, `entered: false leaves nothing to check, so ${clash}: cannot be combined with it`);
  }
  if (typeof raw.caughtBy === 'string') {
    if (!machine.stateNames.includes(raw.caughtBy)) {
      throw new InvalidInputError(
        `caughtBy: state ${JSON.stringify(raw.caughtBy)} not in ${machine.spec.key}${didYouMean(raw.caughtBy, machine.stateNames)}`,
        context.at([...path, 'caughtBy']),
      );
    }
    if (raw.outcome === 'succeeded' || raw.outcome === 'failed')
      throw conflict('caughtBy', `caughtBy: a state contradicts outcome: ${raw.outcome}`);
  }
  if (raw.caughtBy === null && raw.outcome === 'caught')
    throw conflict('caughtBy', 'caughtBy: null (not caught) contradicts outcome: caught');
  if (raw.tolerance !== undefined && raw.backoff === undefined && raw.fromPlan === undefined && raw.entered !== false) {
    throw conflict('tolerance', 'tolerance: applies to the backoff: gaps; add backoff: or drop tolerance:');
  }
  raw.backoff?.forEach((gap, gapIndex) => {
    if (typeof gap === 'object' && gap.min !== undefined && gap.max !== undefined && gap.min > gap.max) {
      throw new InvalidInputError(
        `backoff gap { min: ${gap.min}, max: ${gap.max} } has its minimum above its maximum`,
        context.at([...path, 'backoff', gapIndex]),
      );
    }
  });

  const expectation: StateExpectation = { at: context.at(path, 'key') };
  if (raw.visit !== undefined) expectation.visit = raw.visit;
  if (raw.attempts !== undefined) expectation.attempts = raw.attempts;
  if (raw.backoff !== undefined) {
    expectation.backoff = raw.backoff.map((gap) => {
      if (typeof gap === 'number') return gap;
      const bounds: { min?: number; max?: number } = {};
      if (gap.min !== undefined) bounds.min = gap.min;
      if (gap.max !== undefined) bounds.max = gap.max;
      return bounds;
    });
  }
  const tolerance = raw.tolerance ?? (raw.backoff === undefined ? undefined : defaultTolerance);
  if (tolerance !== undefined) expectation.tolerance = tolerance;
  if (raw.errors !== undefined) expectation.errors = [...raw.errors];
  if (raw.caughtBy !== undefined) expectation.caughtBy = raw.caughtBy;
  if (raw.outcome !== undefined) expectation.outcome = raw.outcome;
  if (raw.entered !== undefined) expectation.entered = raw.entered;
  if (raw.mapRun !== undefined)
    expectation.mapRun = loadMapRunExpectation(context, [...path, 'mapRun'], name, raw.mapRun, machine.spec.definition, machine.spec.key);
  if (raw.fromPlan !== undefined) applyPlanExpectation(context, path, name, raw, expectation, defaultTolerance);
  return expectation;
}

/**
 * `fromPlan:` fills in attempts, backoff, caughtBy and outcome from the definition's rules, so it
 * cannot be combined with any of them. The loader records the request; the computation is the retry
 * plan's (`resolvePlanExpectations` in src/plan), after loading, so the loader needs no planner.
 */
function applyPlanExpectation(
  context: LoadContext,
  path: Path,
  name: string,
  raw: RawStateExpectation,
  expectation: StateExpectation,
  defaultTolerance: number | undefined,
): void {
  const computed = (['attempts', 'backoff', 'caughtBy', 'outcome'] as const).find((field) => raw[field] !== undefined);
  if (computed !== undefined) {
    throw new InvalidInputError(
      `state ${JSON.stringify(name)}: fromPlan: computes ${computed}: from the definition, so drop one of them`,
      context.at([...path, computed], 'key'),
    );
  }
  if (expectation.tolerance === undefined && defaultTolerance !== undefined) expectation.tolerance = defaultTolerance;
  expectation.fromPlan = { requested: raw.fromPlan as true | string, at: context.at([...path, 'fromPlan']) };
}
