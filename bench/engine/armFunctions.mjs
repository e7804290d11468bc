import { withChaos } from '../../dist/index.js';

/**
 * Arms a workload's functions for one execution the way sfn-chaos's local target does: each
 * handler wrapped by `withChaos` with the workload's faults for it. Both engines get exactly the
 * same wrapped handlers, so the injector's own cost is the same on both sides of the comparison.
 *
 * @param {import('./workloads/types.mjs').Workload} workload
 * @param {object} hooks how the engine tells the injector which attempt this is
 * @param {(event: unknown, context: Record<string, unknown>) => number} hooks.retryCountOf
 * @param {((ms: number, context: Record<string, unknown>) => Promise<void>) | undefined} [hooks.sleep]
 * @returns {Map<string, ArmedFunction>} by function key
 *
 * @typedef {object} ArmedFunction
 * @property {import('./workloads/types.mjs').WorkloadFunction} spec
 * @property {(event: unknown, context: Record<string, unknown>) => Promise<unknown>} invoke
 * @property {{ invocations: number, injectedFaults: number }} counts
 */
export function armFunctions(workload, hooks) {
  const armed = new Map();
  for (const spec of workload.functions) {
    const counts = { invocations: 0, injectedFaults: 0 };
    const wrapped = withChaos(spec.handler, {
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
    // Counted outside the wrapper: an injected fault is still an invocation the engine made.
    const invoke = (event, context) => {
      counts.invocations += 1;
      return wrapped(event, context);
    };
    armed.set(spec.key, { spec, invoke, counts });
  }
  return armed;
}

/** Invocation and injected-fault counts per function key, for the outcome check. */
export function countsOf(armed) {
  const counts = {};
  for (const [key, { counts: perFunction }] of armed) counts[key] = { ...perFunction };
  return counts;
}
