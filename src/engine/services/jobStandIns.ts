import { TargetError } from '../../errors.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { toJsonValue, type JsonValue } from '../data/json.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import type { JobEnding, JobStart } from './runJobAttempt.js';
import type { ServiceTaskResource } from './serviceIntegrations.js';
import { callServiceStandIn } from './serviceStandIns.js';
import { applyServiceFaults } from './serviceFaults.js';
import type { AttemptRequest } from './serviceTaskAttempt.js';

/**
 * Starts the job of a `<service>:<action>.sync` Task (`ecs:runTask`, `batch:submitJob`,
 * `glue:startJobRun`, `codebuild:startBuild`, …) through the scenario's stand-in. A `job` stand-in runs
 * for its virtual seconds and then succeeds with its output, or fails: with its `error`, by default
 * `States.TaskFailed`, which is what Step Functions reports for a failed job (the cause AWS writes, the
 * service's own description of the job, and any service-specific error names are UNCONFIRMED: give them
 * as `cause:` / `error:`). The scenario's faults for the Task run before the start call: an error fails
 * that call (TaskFailed, no TaskSubmitted, no job), a latency delays it. Any other stand-in is the start call itself, and the job ends at once with its response.
 */
export async function startJobStandIn(
  scope: ExecutionScope,
  request: AttemptRequest,
  resource: ServiceTaskResource,
  timeoutSeconds: number | undefined,
): Promise<JobStart> {
  const standIn = scope.integrations.services?.({ stateName: request.visit.name, serviceAction: resource.serviceAction });
  if (standIn?.kind !== 'job') {
    const outcome = await callServiceStandIn(scope, request, resource, timeoutSeconds);
    if (outcome.kind !== 'returned') return outcome;
    return {
      kind: 'started',
      response: outcome.value,
      ended: Promise.resolve({ kind: 'succeeded', output: outcome.value }),
      stop: () => undefined,
    };
  }
  // The scenario's faults break the start call, as they break any service call (serviceFaults.ts).
  const passage = await applyServiceFaults(scope, request, resource, timeoutSeconds);
  if (passage.kind !== 'proceed') return passage;
  const json = (value: unknown, what: string): JsonValue => {
    const converted = toJsonValue(value);
    if (converted === undefined) throw new TargetError(`The stand-in ${what} for ${resource.serviceAction} cannot be serialised to JSON`);
    return converted;
  };
  const response = json(standIn.response ?? {}, 'response');
  const ending: JobEnding =
    standIn.ending.kind === 'succeeded'
      ? { kind: 'succeeded', output: json(standIn.ending.output, 'output') }
      : { kind: 'failed', error: standIn.ending.error ?? StatesErrorName.TaskFailed, cause: standIn.ending.cause };
  const run = scope.clock.timer(standIn.seconds * 1000);
  return { kind: 'started', response, ended: run.elapsed.then(() => ending), stop: () => run.cancel() };
}
