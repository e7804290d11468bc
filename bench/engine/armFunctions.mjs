import { withChaos } from '../../dist/index.js';

/**
 * How the bench hands a workload's functions to an engine:
 * - `wrapped`: each plain handler behind `withChaos` with the workload's fault rules, as sfn-chaos's
 *   local target arms them. The injector's own work is part of what both engines are timed with.
 * - `bare`: each plain handler behind a minimal wrapper that throws the rule's error on the attempts
 *   it names, with no injector, no ledger and one prebuilt error per rule (made once per cell and thrown
 *   again on every attempt), so that what is timed is
 *   the engines alone. Only `error` rules with `rate: 1` or `attempts` can be armed this way.
 */
export const HandlerModes = ['wrapped', 'bare'];

/**
 * Arms a workload's functions for one execution. Both engines get exactly the same functions in a
 * given mode, so whatever the handlers cost is the same on both sides of the comparison.
 *
 * @param {import('./workloads/types.mjs').Workload} workload
 * @param {object} hooks how the engine tells the handler which attempt this is
 * @param {(event: unknown, context: Record<string, unknown>) => number} hooks.retryCountOf
 * @param {((ms: number, context: Record<string, unknown>) => Promise<void>) | undefined} [hooks.sleep]
 * @param {'wrapped' | 'bare'} [mode]
 * @returns {Map<string, ArmedFunction>} by function key
 *
 * @typedef {object} ArmedFunction
 * @property {import('./workloads/types.mjs').WorkloadFunction} spec
 * @property {(event: unknown, context: Record<string, unknown>) => Promise<unknown>} invoke
 * @property {{ invocations: number, injectedFaults: number }} counts
 */
export function armFunctions(workload, hooks, mode = 'wrapped') {
  if (!HandlerModes.includes(mode)) throw new Error(`unknown handler mode "${mode}" (known: ${HandlerModes.join(', ')})`);
  const armed = new Map();
  for (const spec of workload.functions) {
    const counts = { invocations: 0, injectedFaults: 0 };
    const wrapped = mode === 'bare' ? armBare(workload, spec, hooks, counts) : armWithChaos(workload, spec, hooks, counts);
    // Counted outside the wrapper: an injected fault is still an invocation the engine made.
    const invoke = (event, context) => {
      counts.invocations += 1;
      return wrapped(event, context);
    };
    armed.set(spec.key, { spec, invoke, counts });
  }
  return armed;
}

function armWithChaos(workload, spec, hooks, counts) {
  return withChaos(spec.handler, {
    config: { faults: spec.faults, seed: `bench:${workload.id}:${spec.key}`, scenarioId: workload.id },
    invocationInfo: (event, context) => ({ retryCount: hooks.retryCountOf(event, context) }),
    ...(hooks.sleep ? { sleep: hooks.sleep } : {}),
    log: (line) => {
      if (line.sfnChaos === 'fault-injected') counts.injectedFaults += 1;
      // A warning means the injector could not tell the attempt or read its config: the run
      // would not be the workload it claims to be.
      else throw new Error(`injector warning in ${workload.id}/${spec.key}: ${JSON.stringify(line)}`);
    },
  });
}

/** Bare rules by function spec: built once per cell, so that no execution pays for them. */
const bareRules = new WeakMap();

function armBare(workload, spec, hooks, counts) {
  let rules = bareRules.get(spec);
  if (rules === undefined) {
    rules = bareRulesOf(workload, spec);
    bareRules.set(spec, rules);
  }
  return async (event, context) => {
    const attempt = hooks.retryCountOf(event, context) + 1;
    for (const rule of rules) {
      if (rule.attempts === undefined || rule.attempts.has(attempt)) {
        counts.injectedFaults += 1;
        throw rule.error;
      }
    }
    return spec.handler(event, context);
  };
}

function bareRulesOf(workload, spec) {
  return spec.faults.map((rule, index) => {
    const fixed =
      rule.kind === 'error' &&
      rule.match === undefined &&
      (rule.rate === undefined || rule.rate === 1) &&
      (rule.rate === 1 || Array.isArray(rule.attempts));
    if (!fixed)
      throw new Error(
        `${workload.id}/${spec.key}: fault ${index} cannot be armed without the injector (bare handlers take error faults with rate 1 or attempts only)`,
      );
    const error = new Error(rule.message ?? `Injected by the bench (fault ${index})`);
    error.name = rule.errorName ?? 'Error';
    error.stack = `${error.name}: ${error.message}`;
    return { attempts: Array.isArray(rule.attempts) ? new Set(rule.attempts) : undefined, error };
  });
}

/** Invocation and injected-fault counts per function key, for the outcome check. */
export function countsOf(armed) {
  const counts = {};
  for (const [key, { counts: perFunction }] of armed) counts[key] = { ...perFunction };
  return counts;
}
