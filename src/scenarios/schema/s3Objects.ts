/**
 * Schema of one S3 object stand-in: the object's text from a local file, or written inline.
 *
 * @example
 * ```ts
 * const s3Objects = { type: 'object', additionalProperties: s3ObjectSchema };
 * ```
 */
export const s3ObjectSchema = {
  title: 'S3 object stand-in',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with file: (a local file, relative to the scenario file) or content: (the object inline)',
  properties: {
    file: { type: 'string', minLength: 1, description: 'a path to a local file, relative to the scenario file' },
    content: { description: 'the object: a string is its text; any other value is written as JSON' },
  },
} as const;

/**
 * Schema of `s3Objects:`, of a state machine and of a scenario: the S3 objects a Distributed Map's
 * ItemReader reads in a local run, keyed by `s3://bucket/key`.
 *
 * @example
 * ```ts
 * const properties = { s3Objects: s3ObjectsSchema };
 * ```
 */
export const s3ObjectsSchema = {
  type: 'object',
  additionalProperties: s3ObjectSchema,
  description: 'a mapping of s3://bucket/key to { file: path } or { content: … }',
} as const;
