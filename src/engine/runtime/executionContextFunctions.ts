import type { LocalInvocationFacts } from '../api/types.js';
import type { TaskTokenRegistry } from './taskTokens.js';
import type { VirtualClock } from './VirtualClock.js';

/** The `sfnChaos` functions that only depend on the execution, not on the invocation. */
export type ExecutionContextFunctions = Pick<LocalInvocationFacts, 'now' | 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat'>;

/**
 * Built once per execution (its clock and task tokens never change during a run) and shared by every
 * attempt's context: a Map of 1,000 items makes 2,000 contexts, and four closures each were a tenth of
 * what it allocated. They stay plain functions, since handlers may take them off the context.
 */
export function executionContextFunctions(clock: VirtualClock, taskTokens: TaskTokenRegistry): ExecutionContextFunctions {
  return {
    now: () => clock.now(),
    // Async like the SDK calls they stand for; a refused call rejects with the API's exception name.
    sendTaskSuccess: async (taskToken, output) => taskTokens.sendTaskSuccess(taskToken, output),
    sendTaskFailure: async (taskToken, failure) => taskTokens.sendTaskFailure(taskToken, failure),
    sendTaskHeartbeat: async (taskToken) => taskTokens.sendTaskHeartbeat(taskToken),
  };
}
