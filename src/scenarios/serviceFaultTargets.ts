import { needsServiceStandIn, serviceTaskResourceOf, type ServiceTaskResource } from '../engine/index.js';
import { collectStates } from '../sources/loadDefinition.js';
import type { ServiceFaultTarget } from './types.js';

/**
 * Which service Tasks a scenario fault with `state:` or `service:` breaks. The loader checks a fault's
 * target with these, the local target applies the fault to the calls they match, and `chaos plan` and
 * the AWS target's dry run name them.
 */

/** A Task whose service call a fault can break: it has a stand-in (not a Lambda invoke, not a nested workflow). */
export interface FaultableServiceTask {
  stateName: string;
  state: Readonly<Record<string, unknown>>;
  resource: ServiceTaskResource;
}

/**
 * The Tasks of a definition, nested ones included, that call a service through a stand-in.
 *
 * @example
 * faultableServiceTasks(definition).map((task) => task.stateName); // ['Save order', 'Notify']
 */
export function faultableServiceTasks(definition: unknown): FaultableServiceTask[] {
  const tasks: FaultableServiceTask[] = [];
  for (const { name, state } of collectStates(definition)) {
    if (state['Type'] !== 'Task') continue;
    const resource = serviceTaskResourceOf(state['Resource']);
    if (resource && needsServiceStandIn(resource)) tasks.push({ stateName: name, state, resource });
  }
  return tasks;
}

/**
 * Whether a fault's target covers a service call: `state` by the Task's name; `service` by the call,
 * where a call without `aws-sdk:` covers its AWS SDK form too (`dynamodb:putItem` covers
 * `aws-sdk:dynamodb:putItem`).
 *
 * @example
 * targetsServiceCall({ service: 'dynamodb:putItem' }, { stateName: 'Save', serviceAction: 'aws-sdk:dynamodb:putItem' }); // true
 */
export function targetsServiceCall(target: ServiceFaultTarget, call: { stateName: string; serviceAction: string }): boolean {
  if ('state' in target) return call.stateName === target.state;
  return (
    call.serviceAction === target.service || (!target.service.startsWith('aws-sdk:') && call.serviceAction === `aws-sdk:${target.service}`)
  );
}

/**
 * How messages name a fault's target.
 *
 * @example
 * describeServiceFaultTarget({ state: 'Save order' }); // 'state "Save order"'
 */
export function describeServiceFaultTarget(target: ServiceFaultTarget): string {
  return 'state' in target ? `state ${JSON.stringify(target.state)}` : `service ${target.service}`;
}
