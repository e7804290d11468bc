/** An activity ARN as a Task's Resource: `arn:aws:states:REGION:ACCOUNT:activity:NAME`. */
export interface ActivityResource {
  arn: string;
  name: string;
}

const activityArnPattern = /^arn:[^:]+:states:[^:]+:[^:]+:activity:([^:]+)$/;

/**
 * Reads an activity ARN; undefined for any other Resource.
 *
 * @example
 * activityResourceOf('arn:aws:states:us-east-1:123456789012:activity:review');
 * // { arn: 'arn:aws:states:us-east-1:123456789012:activity:review', name: 'review' }
 */
export function activityResourceOf(resource: unknown): ActivityResource | undefined {
  if (typeof resource !== 'string') return undefined;
  const match = activityArnPattern.exec(resource);
  return match ? { arn: resource, name: match[1] as string } : undefined;
}
