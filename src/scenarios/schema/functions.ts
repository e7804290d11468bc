import { text } from './primitives.js';

/**
 * Schema of one entry of a state machine's `functions:`: where its handler is, or which deployed
 * function it is.
 *
 * @example
 * ```ts
 * const functions = { type: 'object', additionalProperties: functionSchema };
 * ```
 */
export const functionSchema = {
  title: 'function',
  type: 'object',
  additionalProperties: false,
  properties: {
    handler: { type: 'string', minLength: 1, description: 'a handler as "path/to/file.mjs#exportName"' },
    arn: {
      type: 'string',
      pattern: '^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$',
      description: 'a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)',
    },
    name: text,
    timeout: { type: 'number', exclusiveMinimum: 0, maximum: 900, description: 'the function timeout in seconds (above 0, at most 900)' },
    runtime: { enum: ['nodejs', 'python'], description: 'nodejs or python (how thrown errors are reported)' },
    deployed: { type: 'string', minLength: 1, description: 'the deployed function for --target aws: a function name or ARN' },
    eventInvokeConfig: {
      type: 'object',
      additionalProperties: false,
      description:
        "how Lambda retries the function's asynchronous (InvocationType: Event) invocations, as PutFunctionEventInvokeConfig sets it",
      properties: {
        maximumRetryAttempts: {
          type: 'integer',
          minimum: 0,
          maximum: 2,
          description: 'retries after a function error, 0 to 2 (default 2)',
        },
        maximumEventAgeInSeconds: {
          type: 'integer',
          minimum: 60,
          maximum: 21600,
          description: 'seconds an event may wait in the queue, 60 to 21600 (default 21600)',
        },
      },
    },
  },
} as const;
