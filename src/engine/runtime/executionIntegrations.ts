import type { LocalActivityWorkerResolver } from '../api/activityWorkers.js';
import type {
  LocalServiceFaultResolver,
  LocalServiceResolver,
  MapRunResult,
  LocalStateMachineResolver,
  RunExecutionOptions,
  ScriptedCallbackResolver,
} from '../api/types.js';
import type { ChildExecutionStarter } from './childExecutions.js';
import { TaskTokenRegistry } from './taskTokens.js';

/** What an execution knows about callbacks, service stand-ins and nested workflows, shared by all its Task states. */
export interface ExecutionIntegrations {
  readonly taskTokens: TaskTokenRegistry;
  readonly services: LocalServiceResolver | undefined;
  /** Faults injected into service Tasks' calls. */
  readonly serviceFaults?: LocalServiceFaultResolver;
  readonly callbacks: ScriptedCallbackResolver | undefined;
  readonly activities?: LocalActivityWorkerResolver | undefined;
  readonly stateMachines: LocalStateMachineResolver | undefined;
  /** Starts `states:startExecution` children; absent in engines built without nested workflows. */
  readonly children?: ChildExecutionStarter;
  /** ItemReader's S3 object stand-ins, by `s3://bucket/key`. */
  readonly s3Objects: Readonly<Record<string, string>>;
  /** The Map Runs this execution's Distributed Map states started (filled as they start). */
  readonly mapRuns: MapRunResult[];
}

/** Fresh task tokens (or the parent's, for a nested execution) and the run's stand-ins and scripted callbacks, for one execution. */
export function executionIntegrationsOf(
  options: Pick<RunExecutionOptions, 'services' | 'serviceFaults' | 'callbacks' | 'activities' | 'stateMachines' | 's3Objects'>,
  taskTokens: TaskTokenRegistry = new TaskTokenRegistry(),
  children?: ChildExecutionStarter,
): ExecutionIntegrations {
  return {
    taskTokens,
    services: options.services,
    ...(options.serviceFaults === undefined ? {} : { serviceFaults: options.serviceFaults }),
    callbacks: options.callbacks,
    activities: options.activities,
    stateMachines: options.stateMachines,
    s3Objects: options.s3Objects ?? {},
    mapRuns: [],
    ...(children === undefined ? {} : { children }),
  };
}
