/**
 * Schema of one service stand-in: the response, error or handler a service call gets instead of AWS.
 *
 * @example
 * ```ts
 * const services = { type: 'object', additionalProperties: serviceStandInSchema };
 * ```
 */
export const serviceStandInSchema = {
  title: 'service stand-in',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with response:, error: (and cause:), handler: or job: (with response:)',
  properties: {
    response: {},
    job: {
      type: 'object',
      additionalProperties: false,
      required: ['seconds'],
      description: 'a .sync job: seconds it runs, then output: (succeeds) or error:/cause: (fails)',
      properties: {
        seconds: { type: 'number', minimum: 0, description: 'virtual seconds the job runs' },
        output: { description: 'what the Task succeeds with (the job description)' },
        error: { type: 'string', minLength: 1, description: 'the error the Task fails with; default States.TaskFailed' },
        cause: { type: 'string', description: 'the cause the Task fails with' },
      },
    },
    error: { type: 'string', minLength: 1, description: 'the error name the service reports, e.g. S3.NoSuchBucketException' },
    cause: { type: 'string', description: 'a string' },
    handler: { type: 'string', minLength: 1, description: 'a handler as "path/to/file.mjs#exportName"' },
  },
} as const;

/**
 * Schema of `services:`, of a state machine and of a scenario: service calls or Task names to stand-ins.
 *
 * @example
 * ```ts
 * const properties = { services: servicesSchema };
 * ```
 */
export const servicesSchema = {
  type: 'object',
  additionalProperties: serviceStandInSchema,
  description: 'a mapping of service calls (sqs:sendMessage, aws-sdk:s3:listObjects) or Task names to stand-ins',
} as const;
