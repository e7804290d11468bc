/**
 * How a Task's `arn:aws:states:::…` Resource reads: which service and action it calls and how Step
 * Functions waits for it. The names are the ones AWS writes in TaskScheduled/TaskStarted/… events.
 */

/** How long Step Functions waits on a service call (the ARN suffix). */
export const IntegrationPattern = {
  /** No suffix: the task ends with the service's response. */
  RequestResponse: 'request-response',
  /** `.waitForTaskToken`: the task pauses after the call until someone answers its task token. */
  WaitForTaskToken: 'wait-for-task-token',
  /** `.sync` / `.sync:2`: the task waits for the job it started. */
  RunJob: 'run-job',
} as const;
export type IntegrationPattern = (typeof IntegrationPattern)[keyof typeof IntegrationPattern];

export interface ServiceTaskResource {
  /** `resourceType` of the Task* events: `lambda`, `sqs`, `aws-sdk:s3`. */
  resourceType: string;
  /** `resource` of the Task* events, suffix included: `invoke.waitForTaskToken`, `sendMessage`, `listObjects`. */
  resource: string;
  /** The call without the suffix, as scenario files name stand-ins: `sqs:sendMessage`, `aws-sdk:s3:listObjects`. */
  serviceAction: string;
  pattern: IntegrationPattern;
  /** True for `arn:aws:states:::aws-sdk:…`. */
  isSdkIntegration: boolean;
}

const serviceArnPattern = /^arn:[^:]+:states:::(.+)$/;
const suffixes: readonly (readonly [string, IntegrationPattern])[] = [
  ['.waitForTaskToken', IntegrationPattern.WaitForTaskToken],
  ['.sync:2', IntegrationPattern.RunJob],
  ['.sync', IntegrationPattern.RunJob],
];

/**
 * Reads an optimized or AWS SDK service integration ARN; undefined for anything else (a Lambda
 * function ARN, an activity).
 *
 * @example
 * serviceTaskResourceOf('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
 * // { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', serviceAction: 'sqs:sendMessage',
 * //   pattern: 'wait-for-task-token', isSdkIntegration: false }
 * serviceTaskResourceOf('arn:aws:states:::aws-sdk:s3:listObjects');
 * // { resourceType: 'aws-sdk:s3', resource: 'listObjects', serviceAction: 'aws-sdk:s3:listObjects', … }
 */
export function serviceTaskResourceOf(resource: unknown): ServiceTaskResource | undefined {
  if (typeof resource !== 'string') return undefined;
  const match = serviceArnPattern.exec(resource);
  if (!match) return undefined;
  const path = match[1] as string;
  const [suffix, pattern] = suffixes.find(([candidate]) => path.endsWith(candidate)) ?? ['', IntegrationPattern.RequestResponse];
  const call = path.slice(0, path.length - suffix.length);
  const separator = call.lastIndexOf(':');
  if (separator <= 0 || separator === call.length - 1) return undefined;
  const resourceType = call.slice(0, separator);
  const bareAction = call.slice(separator + 1);
  if (resourceType.startsWith('aws-sdk') && !resourceType.startsWith('aws-sdk:')) return undefined;
  return {
    resourceType,
    resource: `${bareAction}${suffix}`,
    serviceAction: `${resourceType}:${bareAction}`,
    pattern,
    isSdkIntegration: resourceType.startsWith('aws-sdk:'),
  };
}

/** True for `arn:aws:states:::lambda:invoke.waitForTaskToken`, which invokes a local function. */
export function isLambdaCallbackResource(resource: ServiceTaskResource): boolean {
  return resource.resourceType === 'lambda' && resource.resource === 'invoke.waitForTaskToken';
}

/**
 * True for a Task whose service call needs a stand-in from the scenario file: not a Lambda invoke, and
 * not `states:startExecution`, whose child is another state machine of the file.
 */
export function needsServiceStandIn(resource: ServiceTaskResource): boolean {
  if (resource.serviceAction === 'states:startExecution') return false;
  return !(resource.resourceType === 'lambda' && resource.serviceAction === 'lambda:invoke');
}
