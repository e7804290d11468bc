import type { LocalServiceResolver, RunExecutionOptions, ScriptedCallbackResolver } from '../api/types.js';
import { TaskTokenRegistry } from './taskTokens.js';

/** What an execution knows about callbacks and service stand-ins, shared by all its Task states. */
export interface ExecutionIntegrations {
  readonly taskTokens: TaskTokenRegistry;
  readonly services: LocalServiceResolver | undefined;
  readonly callbacks: ScriptedCallbackResolver | undefined;
}

/** Fresh task tokens and the run's stand-ins and scripted callbacks, for one execution. */
export function executionIntegrationsOf(options: Pick<RunExecutionOptions, 'services' | 'callbacks'>): ExecutionIntegrations {
  return { taskTokens: new TaskTokenRegistry(), services: options.services, callbacks: options.callbacks };
}
