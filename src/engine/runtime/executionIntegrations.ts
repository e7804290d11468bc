import type { LocalActivityWorkerResolver } from '../api/activityWorkers.js';
import type { LocalServiceResolver, LocalStateMachineResolver, RunExecutionOptions, ScriptedCallbackResolver } from '../api/types.js';
import type { ChildExecutionStarter } from './childExecutions.js';
import { TaskTokenRegistry } from './taskTokens.js';

/** What an execution knows about callbacks, service stand-ins and nested workflows, shared by all its Task states. */
export interface ExecutionIntegrations {
  readonly taskTokens: TaskTokenRegistry;
  readonly services: LocalServiceResolver | undefined;
  readonly callbacks: ScriptedCallbackResolver | undefined;
  readonly activities?: LocalActivityWorkerResolver | undefined;
  readonly stateMachines: LocalStateMachineResolver | undefined;
  /** Starts `states:startExecution` children; absent in engines built without nested workflows. */
  readonly children?: ChildExecutionStarter;
}

/** Fresh task tokens (or the parent's, for a nested execution) and the run's stand-ins and scripted callbacks, for one execution. */
export function executionIntegrationsOf(
  options: Pick<RunExecutionOptions, 'services' | 'callbacks' | 'activities' | 'stateMachines'>,
  taskTokens: TaskTokenRegistry = new TaskTokenRegistry(),
  children?: ChildExecutionStarter,
): ExecutionIntegrations {
  return {
    taskTokens,
    services: options.services,
    callbacks: options.callbacks,
    activities: options.activities,
    stateMachines: options.stateMachines,
    ...(children === undefined ? {} : { children }),
  };
}
