import { armFunctions, countsOf } from '../armFunctions.mjs';
import { sfnChaosEngine } from './sfnChaosEngine.mjs';

/**
 * Not an engine: the floor under every engine. The workload's functions, armed exactly as the
 * engines get them, are called in the order and with the payloads and attempt numbers of one real
 * execution (recorded once from sfn-chaos's engine, untimed), one after the other, with no state
 * machine around them. No engine calling these functions can run the workload in less time, so the
 * figure bounds what any throughput goal can ask of an engine.
 *
 * @type {import('./types.mjs').BenchEngine}
 */
export const handlersAloneEngine = {
  id: 'handlers-alone',
  async prepare(workload, { handlers = 'wrapped' } = {}) {
    const { calls, virtualMs } = await recordCalls(workload, handlers);
    return {
      async runOnce() {
        const armed = armFunctions(workload, { retryCountOf: (_event, context) => context.sfnChaos.retryCount }, handlers);
        for (const call of calls) {
          try {
            await armed.get(call.key).invoke(call.event, call.context);
          } catch {
            // An injected fault: what the engine would turn into a failure event.
          }
        }
        return { replay: true, counts: countsOf(armed), virtualMs };
      },
      dispose() {},
    };
  },
};

/** One execution through sfn-chaos, keeping each call's function, payload and the context fields the injector reads. */
async function recordCalls(workload, handlers) {
  const calls = [];
  const keyByName = new Map(workload.functions.map((spec) => [spec.name, spec.key]));
  const prepared = await sfnChaosEngine.prepare(workload, {
    handlers,
    onInvoke: (event, context) => calls.push(callOf(keyByName, event, context)),
  });
  try {
    const outcome = await prepared.runOnce();
    if (outcome.unsupported) throw new Error(outcome.unsupported);
    return { calls, virtualMs: outcome.virtualMs };
  } finally {
    prepared.dispose();
  }
}

function callOf(keyByName, event, context) {
  return {
    key: keyByName.get(context.functionName),
    event: structuredClone(event),
    context: {
      functionName: context.functionName,
      awsRequestId: context.awsRequestId,
      sfnChaos: { retryCount: context.sfnChaos.retryCount, sleep: async () => undefined },
    },
  };
}
