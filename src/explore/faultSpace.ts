import { functionRefOf, serviceFaultErrorName, StatesErrorName } from '../engine/index.js';
import { faultKindOf } from '../injectors/faultKinds/index.js';
import type { FaultKind } from '../injectors/types.js';
import { failingStatesOf } from '../plan/failingStates.js';
import { plannedErrorNames } from '../plan/plannedErrorNames.js';
import { simulateStateVisit } from '../plan/simulateStateVisit.js';
import type { FailingState } from '../plan/types.js';
import { findFunction } from '../scenarios/loadFunctions.js';
import type { RawFault, RawScenario } from '../scenarios/rawScenarioFile.js';
import { faultableServiceTasks } from '../scenarios/serviceFaultTargets.js';
import type { ScenarioFile, StateMachineSpec } from '../scenarios/types.js';
import type { AttemptPattern, ExploreCase, ExploreFault } from './exploreTypes.js';

/** The error name explore injects for "an error no rule names" (a number is added if a rule happens to name it). */
export const UNNAMED_ERROR = 'UnnamedError';

/** At most this many "first N attempts" patterns per fault: 1 … 9 and the last retry. */
const MAX_FIRST_PATTERNS = 10;

/** The wildcards, which a fault cannot raise by name. */
const WILDCARDS: readonly string[] = [StatesErrorName.All, StatesErrorName.TaskFailed];

export interface FaultSpaceOptions {
  /** 1: no fault and every single fault; 2: also every pair of faults. */
  depth: 1 | 2;
  /** Only these state machines (keys of `stateMachines:`); default every one. */
  stateMachines?: readonly string[];
}

export interface FaultSpace {
  cases: ExploreCase[];
  /** Tasks left out, and why. */
  notes: string[];
}

/** What a fault can break: a function (every Task invoking it) or one service Task. */
interface FaultTarget {
  tasks: FailingState[];
  /** `{ function: key }` or `{ state: name }`, as the scenario file writes it. */
  address: { function: string } | { state: string };
  /** The error a fault of this kind makes an attempt fail with, or undefined when the kind does not apply. */
  errorOf(kind: FaultKind, errorName?: string): string | undefined;
}

/**
 * The fault space of a scenario file's state machines, as scenarios: for every Task, every error name
 * its Retry and Catch rules name (the same names `chaos plan` gives rows), an error no rule names, a
 * throttle and a timeout, each on the first N attempts of a visit (N = 1 … the attempts the rules allow
 * minus one) and on every attempt; with `depth: 2` also every pair of those faults on different targets,
 * and on one target a "first N" fault followed by a fault of another error (N failures, then another
 * error). Each state machine's cases take their input, stand-ins, callbacks and activity workers from
 * the first scenario of the file that runs it, and start with a case without faults.
 *
 * @example
 * ```ts
 * const { cases } = buildFaultSpace(file, rawScenarios, { depth: 1 });
 * cases.map((c) => c.name); // ['asteroids: no fault', 'asteroids: Download Benner: UnnamedError on every attempt', …]
 * ```
 */
export function buildFaultSpace(file: ScenarioFile, rawScenarios: readonly RawScenario[], options: FaultSpaceOptions): FaultSpace {
  const cases: ExploreCase[] = [];
  const notes: string[] = [];
  for (const [key, machine] of Object.entries(file.stateMachines)) {
    if (options.stateMachines !== undefined && !options.stateMachines.includes(key)) continue;
    const base = baseScenario(key, file, rawScenarios);
    const targets = faultTargets(machine, notes);
    const singles = targets.flatMap((target) => singleFaults(target));
    const make = (kind: ExploreCase['kind'], faults: CandidateFault[]): ExploreCase => {
      const name = `${key}: ${faults.length === 0 ? 'no fault' : faults.map(describeFault).join(' + ')}`;
      return {
        name,
        stateMachine: key,
        kind,
        faults: faults.map(publicFault),
        scenario: { name, stateMachine: key, ...base, faults: faults.map((fault) => fault.raw), expect: { status: 'SUCCEEDED' } },
        expectedSeconds: faults.reduce((sum, fault) => sum + fault.expectedSeconds, 0),
      };
    };
    cases.push(make('baseline', []));
    for (const single of singles) cases.push(make('single', [single]));
    if (options.depth === 2) {
      for (const [index, first] of singles.entries()) {
        for (const second of singles.slice(index + 1)) {
          if (first.target !== second.target) cases.push(make('pair', [first, second]));
        }
      }
      // On one target: N failures with one error, then another error on the attempts after them.
      for (const first of singles) {
        if (first.pattern === 'all') continue;
        for (const second of singles) {
          if (second.target === first.target && second.pattern === 'all' && second.errorName !== first.errorName)
            cases.push(make('pair', [first, second]));
        }
      }
    }
  }
  return { cases, notes };
}

/** A fault with what building pairs needs. */
interface CandidateFault extends ExploreFault {
  target: FaultTarget;
  expectedSeconds: number;
}

function publicFault(fault: ExploreFault): ExploreFault {
  return { tasks: fault.tasks, errorName: fault.errorName, label: fault.label, pattern: fault.pattern, raw: fault.raw };
}

function describeFault(fault: ExploreFault): string {
  return `${fault.tasks.join(', ')}: ${fault.label}`;
}

/** The first scenario of the file on this state machine, without its name, faults and expectations. */
function baseScenario(key: string, file: ScenarioFile, rawScenarios: readonly RawScenario[]): Omit<RawScenario, 'name' | 'expect'> {
  const index = file.scenarios.findIndex((scenario) => scenario.stateMachine === key);
  const raw = index < 0 ? undefined : rawScenarios[index];
  if (raw === undefined) return {};
  const { name: _name, faults: _faults, expect: _expect, seed: _seed, ...rest } = raw;
  return rest;
}

/** The function and service-Task targets of a state machine, a function once however many Tasks invoke it. */
function faultTargets(machine: StateMachineSpec, notes: string[]): FaultTarget[] {
  const targets: FaultTarget[] = [];
  const byFunction = new Map<string, FaultTarget>();
  const services = faultableServiceTasks(machine.definition);
  for (const state of failingStatesOf(machine.definition)) {
    if (state.type !== 'Task') continue;
    const ref = functionRefOf(state.state);
    const fn = ref === undefined ? undefined : findFunction(machine.functions, ref);
    if (fn !== undefined) {
      const existing = byFunction.get(fn.key);
      if (existing) {
        existing.tasks.push(state);
        continue;
      }
      const target: FaultTarget = {
        tasks: [state],
        address: { function: fn.key },
        errorOf: (kind, errorName) => {
          const rule = { kind, ...(errorName === undefined ? {} : { errorName }) };
          const planned = faultKindOf(kind).plannedFailure(rule, {
            functionKey: fn.key,
            stateTimeoutSeconds: typeof state.state['TimeoutSeconds'] === 'number' ? state.state['TimeoutSeconds'] : undefined,
            functionTimeoutSeconds: fn.timeoutSeconds,
            nameInstead: '',
          });
          return 'problem' in planned ? undefined : planned.errorName;
        },
      };
      byFunction.set(fn.key, target);
      targets.push(target);
      continue;
    }
    const service = services.find((task) => task.stateName === state.name);
    if (service !== undefined) {
      targets.push({
        tasks: [state],
        address: { state: state.name },
        errorOf: (kind, errorName) => {
          if (kind === 'timeout' && typeof state.state['TimeoutSeconds'] !== 'number') return undefined;
          return serviceFaultErrorName(service.resource, kind, errorName);
        },
      });
      continue;
    }
    notes.push(`${machine.key}: "${state.name}" is left out: it has neither a local function nor a service stand-in a fault can break`);
  }
  return targets;
}

/** Every fault of one target: each error its Tasks' rules name, an unnamed error, throttle, timeout; each attempt pattern. */
function singleFaults(target: FaultTarget): CandidateFault[] {
  const named: string[] = [];
  for (const task of target.tasks) {
    for (const name of plannedErrorNames(task)) if (!WILDCARDS.includes(name) && !named.includes(name)) named.push(name);
  }
  let unnamed = UNNAMED_ERROR;
  for (let suffix = 2; named.includes(unnamed); suffix++) unnamed = `${UNNAMED_ERROR}${suffix}`;
  const kinds: { kind: FaultKind; raw: Record<string, unknown>; errorName?: string; label: string }[] = [
    ...named
      .filter((name) => name !== StatesErrorName.Timeout)
      .map((name) => ({ kind: 'error' as const, raw: { error: name }, errorName: name, label: name })),
    { kind: 'error', raw: { error: unnamed }, errorName: unnamed, label: unnamed },
    { kind: 'throttle', raw: { throttle: true }, label: 'throttle' },
    { kind: 'timeout', raw: { timeout: true }, label: 'timeout' },
  ];
  const faults: CandidateFault[] = [];
  for (const entry of kinds) {
    const errorName = target.errorOf(entry.kind, entry.errorName);
    if (errorName === undefined) continue;
    const label = errorName === entry.label || entry.kind === 'error' ? entry.label : `${entry.label} (${errorName})`;
    for (const pattern of attemptPatterns(target.tasks, errorName)) {
      const raw: RawFault = {
        ...target.address,
        ...entry.raw,
        ...(pattern === 'all' ? {} : { attempts: Array.from({ length: pattern.first }, (_, index) => index + 1) }),
      };
      faults.push({
        tasks: target.tasks.map((task) => task.name),
        errorName,
        label: `${label} ${patternLabel(pattern)}`,
        pattern,
        raw,
        target,
        expectedSeconds: Math.max(...target.tasks.map((task) => waitedSeconds(task, errorName, pattern))),
      });
    }
  }
  return faults;
}

/** `on attempt 1`, `on attempts 1-3`, `on every attempt`. */
function patternLabel(pattern: AttemptPattern): string {
  if (pattern === 'all') return 'on every attempt';
  return pattern.first === 1 ? 'on attempt 1' : `on attempts 1-${pattern.first}`;
}

/** First N for N = 1 … (attempts the rules allow for this error − 1), capped, then every attempt. */
function attemptPatterns(tasks: readonly FailingState[], errorName: string): AttemptPattern[] {
  const allowed = Math.max(
    ...tasks.map((task) => {
      const visit = simulateStateVisit(task, () => errorName);
      return 'problem' in visit ? 1 : visit.attempts;
    }),
  );
  const lastRetry = allowed - 1;
  const firsts: number[] = [];
  for (let n = 1; n <= lastRetry && n < MAX_FIRST_PATTERNS; n++) firsts.push(n);
  if (lastRetry >= MAX_FIRST_PATTERNS) firsts.push(lastRetry);
  return [...firsts.map((first) => ({ first })), 'all'];
}

/** The longest backoff the rules make one visit wait for this fault (jitter at its upper bound). */
function waitedSeconds(task: FailingState, errorName: string, pattern: AttemptPattern): number {
  const visit = simulateStateVisit(task, (attempt) => (pattern === 'all' || attempt <= pattern.first ? errorName : undefined));
  if ('problem' in visit) return 0;
  return visit.backoff.reduce<number>((sum, wait) => sum + (typeof wait === 'number' ? wait : wait.max), 0);
}
