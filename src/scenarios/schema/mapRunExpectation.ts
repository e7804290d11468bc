const count = { type: 'integer', minimum: 0, description: 'a whole number, 0 or more' } as const;

/**
 * Schema of a state expectation's `mapRun:`: a Distributed Map's Map Run status, items read and child
 * executions by how they ended.
 *
 * @example
 * ```ts
 * const properties = { mapRun: mapRunExpectationSchema }; // mapRun: { succeeded: 9990, failed: 10, total: 10000 }
 * ```
 */
export const mapRunExpectationSchema = {
  title: 'Map Run expectation',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'a mapping with at least one of status, items, total, succeeded, failed, timedOut, aborted',
  properties: {
    status: { enum: ['SUCCEEDED', 'FAILED', 'ABORTED'], description: 'SUCCEEDED, FAILED or ABORTED' },
    items: count,
    total: count,
    succeeded: count,
    failed: count,
    timedOut: count,
    aborted: count,
  },
} as const;
