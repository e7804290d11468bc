import * as builtPackage from '../../../dist/index.js';
import { armFunctions, countsOf } from '../armFunctions.mjs';

/** Any fixed instant works: the engine's clock is virtual. A fixed one keeps histories comparable. */
const startTime = new Date('2024-01-01T00:00:00.000Z');

/**
 * sfn-chaos's engine as its local target drives it: `runExecution` from the built package, with
 * `withChaos`-wrapped local functions that learn their attempt from the engine's context.
 *
 * @type {import('./types.mjs').BenchEngine}
 */
export const sfnChaosEngine = createSfnChaosEngine('sfn-chaos', builtPackage);

/**
 * The same adapter around another build's `runExecution` and `TargetError` (`--baseline`: an older
 * build measured in the same run, with the same handlers).
 *
 * @param {string} id
 * @param {{ runExecution: Function, TargetError: Function }} engineModule
 * @returns {import('./types.mjs').BenchEngine}
 */
export function createSfnChaosEngine(id, { runExecution, TargetError }) {
  return {
    id,
    prepare: (workload, options) => prepareSfnChaos(runExecution, TargetError, workload, options),
  };
}

async function prepareSfnChaos(runExecution, TargetError, workload, { handlers = 'wrapped', onInvoke } = {}) {
  let executionNumber = 0;
  return {
    async runOnce() {
      const armed = armFunctions(
        workload,
        {
          retryCountOf: (_event, context) => context.sfnChaos.retryCount,
          sleep: (ms, context) => context.sfnChaos.sleep(ms),
        },
        handlers,
      );
      const byArn = new Map();
      for (const { spec, invoke } of armed.values()) {
        const local = { name: spec.name, arn: spec.arn, timeoutSeconds: spec.timeoutSeconds, invoke };
        // Only for recording the calls an execution makes (see handlersAloneEngine.mjs), never while timed.
        if (onInvoke) {
          local.invoke = (event, context) => {
            onInvoke(event, context);
            return invoke(event, context);
          };
        }
        byArn.set(spec.arn, local);
      }
      executionNumber += 1;
      let result;
      try {
        result = await runExecution({
          definition: workload.definition,
          input: workload.input,
          executionName: `bench-${workload.id}-${executionNumber}`,
          startTime,
          functions: (ref) => byArn.get(ref),
        });
      } catch (error) {
        if (error instanceof TargetError) return { unsupported: error.message };
        throw error;
      }
      return {
        status: result.status,
        output: result.output === undefined ? undefined : JSON.parse(result.output),
        ...(result.error === undefined ? {} : { error: result.error }),
        counts: countsOf(armed),
        virtualMs: result.stopDate.getTime() - result.startDate.getTime(),
        historyEvents: result.events.length,
        retained: result,
      };
    },
    dispose() {},
  };
}
