import {
  ACTIVITY_FAULT_RESOURCE_TYPE,
  IntegrationPattern,
  activityResourceOf,
  isStartExecutionResource,
  needsServiceStandIn,
  serviceTaskResourceOf,
  type ActivityResource,
  type ServiceTaskResource,
} from '../engine/index.js';
import { collectStates } from '../sources/loadDefinition.js';
import type { ServiceFaultTarget } from './types.js';

/**
 * Which Tasks a scenario fault with `state:`, `service:` or `activity:` breaks. The loader checks a
 * fault's target with these, the local target applies the fault to the calls they match, and `chaos plan`
 * and the AWS target's dry run name them.
 */

/**
 * A Task whose call a fault can break: a service call through a stand-in, a nested workflow
 * (`states:startExecution`, any pattern) or an activity (`activity` set; its `resource` then names the
 * activity ARN with the `activity` resource type, as the engine looks faults up for it).
 */
export interface FaultableServiceTask {
  stateName: string;
  state: Readonly<Record<string, unknown>>;
  resource: ServiceTaskResource;
  activity?: ActivityResource;
}

/**
 * True for a service call the scenario's faults can break: every one but a Lambda invoke, whose
 * function the faults arm instead (`function:`).
 *
 * @example
 * takesServiceFaults(serviceTaskResourceOf('arn:aws:states:::states:startExecution.sync:2')!); // true
 * takesServiceFaults(serviceTaskResourceOf('arn:aws:states:::lambda:invoke')!); // false
 */
export function takesServiceFaults(resource: ServiceTaskResource): boolean {
  return needsServiceStandIn(resource) || isStartExecutionResource(resource);
}

/**
 * The Tasks of a definition, nested ones included (Parallel branches, Map and Distributed Map
 * processors), whose calls a fault can break.
 *
 * @example
 * faultableServiceTasks(definition).map((task) => task.stateName); // ['Save order', 'Notify', 'Review']
 */
export function faultableServiceTasks(definition: unknown): FaultableServiceTask[] {
  return collectStates(definition).flatMap(({ name, state }) => faultableTaskOf(name, state) ?? []);
}

/**
 * One state as a Task whose call a fault can break; undefined for any other state (a Lambda Task too).
 *
 * @example
 * faultableTaskOf('Review', { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:review' })?.activity?.name; // 'review'
 */
export function faultableTaskOf(stateName: string, state: Readonly<Record<string, unknown>>): FaultableServiceTask | undefined {
  if (state['Type'] !== 'Task') return undefined;
  const resource = serviceTaskResourceOf(state['Resource']);
  if (resource) return takesServiceFaults(resource) ? { stateName, state, resource } : undefined;
  const activity = activityResourceOf(state['Resource']);
  return activity ? { stateName, state, resource: activityCallOf(activity), activity } : undefined;
}

/** An activity as the engine names it when it looks faults up for its worker. */
function activityCallOf(activity: ActivityResource): ServiceTaskResource {
  return {
    resourceType: ACTIVITY_FAULT_RESOURCE_TYPE,
    resource: activity.arn,
    serviceAction: activity.arn,
    pattern: IntegrationPattern.RequestResponse,
    isSdkIntegration: false,
  };
}

/**
 * Whether a fault's target covers a call: `state` by the Task's name; `service` by the service call,
 * where a call without `aws-sdk:` covers its AWS SDK form too (`dynamodb:putItem` covers
 * `aws-sdk:dynamodb:putItem`); `activity` by the activity's name or ARN (`activityName` is set for an
 * activity's call, whose `serviceAction` is its ARN).
 *
 * @example
 * targetsServiceCall({ service: 'dynamodb:putItem' }, { stateName: 'Save', serviceAction: 'aws-sdk:dynamodb:putItem' }); // true
 * targetsServiceCall({ activity: 'review' }, { stateName: 'Review', serviceAction: 'arn:…:activity:review', activityName: 'review' }); // true
 */
export function targetsServiceCall(
  target: ServiceFaultTarget,
  call: { stateName: string; serviceAction: string; activityName?: string | undefined },
): boolean {
  if ('state' in target) return call.stateName === target.state;
  if ('activity' in target)
    return call.activityName !== undefined && (target.activity === call.activityName || target.activity === call.serviceAction);
  if (call.activityName !== undefined) return false;
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
  if ('state' in target) return `state ${JSON.stringify(target.state)}`;
  if ('activity' in target) return `activity ${target.activity}`;
  return `service ${target.service}`;
}
