import '../nodeCompat.mjs';
import FakeTimers from '@sinonjs/fake-timers';
import { StateMachine } from 'aws-local-stepfunctions';
import { armFunctions, countsOf } from '../armFunctions.mjs';

/**
 * The peer, aws-local-stepfunctions, on fake timers. It waits for Retry intervals, Wait states and
 * Task timeouts with real `setTimeout` and stamps events with `Date.now()`; with both faked, a
 * retry interval costs one macrotask instead of real seconds, and the faked clock's advance is the
 * execution's virtual duration. Its Lambda calls are overridden per Task state
 * (`overrides.taskResourceLocalHandlers`) with the same `withChaos`-wrapped handlers sfn-chaos gets.
 *
 * @type {import('./types.mjs').BenchEngine}
 */
export const awsLocalStepFunctionsEngine = {
  id: 'aws-local-stepfunctions',
  async prepare(workload, { handlers = 'wrapped' } = {}) {
    // Built (and validated) once per workload, as a caller running many executions would do;
    // sfn-chaos checks a definition object on its first run and reuses the result for the same object.
    const stateMachine = new StateMachine(workload.definition);
    const clock = FakeTimers.withGlobal(globalThis).install({
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
      now: new Date('2024-01-01T00:00:00.000Z'),
    });

    return {
      async runOnce() {
        // The peer passes a handler only the Task input, so the attempt is counted here, per state visit.
        const attemptsSoFar = new Map();
        const armed = armFunctions(workload, { retryCountOf: (_event, context) => context.retryCount }, handlers);
        const taskResourceLocalHandlers = {};
        for (const [stateName, functionKey] of Object.entries(workload.taskFunctions)) {
          const { spec, invoke } = armed.get(functionKey);
          taskResourceLocalHandlers[stateName] = (event) => {
            const visitKey = workload.attemptKeyOf(stateName, event);
            const retryCount = attemptsSoFar.get(visitKey) ?? 0;
            attemptsSoFar.set(visitKey, retryCount + 1);
            return invoke(event, { functionName: spec.name, retryCount });
          };
        }

        const startedAt = clock.now;
        const execution = stateMachine.run(workload.input, { overrides: { taskResourceLocalHandlers } });
        let settled = false;
        const ending = execution.result.then(
          (output) => ({ status: 'SUCCEEDED', output }),
          (error) => ({ status: 'FAILED', error: error?.cause?.name ?? error?.name }),
        );
        ending.finally(() => {
          settled = true;
        });
        // Fire the earliest pending timer, let the promises it releases run, repeat until the end.
        while (!settled) await clock.nextAsync();
        const { status, output, error } = await ending;
        if (clock.countTimers() !== 0)
          throw new Error(`aws-local-stepfunctions left ${clock.countTimers()} timers pending after ${workload.id}`);

        return {
          status,
          output,
          ...(error === undefined ? {} : { error }),
          counts: countsOf(armed),
          virtualMs: clock.now - startedAt,
          retained: execution,
        };
      },
      dispose() {
        clock.uninstall();
      },
    };
  },
};
