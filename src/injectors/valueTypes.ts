/**
 * The plain value types the injector's files share: JSON values, a fault rule's `match`, and the
 * Lambda context as far as the injector reads it. A leaf: it imports nothing, so that the fault kinds,
 * the errors and the config types can all use these without importing one another.
 */

/**
 * Any JSON value.
 *
 * @example
 * ```ts
 * const cause: Record<string, JsonValue> = { statusCode: 503, retryable: true };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON scalar, the values `match` conditions compare with.
 *
 * @example
 * ```ts
 * const allowed: JsonScalar[] = ['A', 7, true, null];
 * ```
 */
export type JsonScalar = string | number | boolean | null;

/**
 * A condition on the values a `match` path selects from the payload. It holds when at least one
 * selected value satisfies it (`exists: false` holds when the path selects nothing).
 *
 * - a scalar, or `{ equals: scalar }`: equal to it (strict, so `"7"` does not equal `7`);
 * - `{ anyOf: [scalars] }`: equal to one of them;
 * - `{ prefix: "order-" }`: a string starting with it;
 * - `{ exists: true | false }`: the path selects something, or nothing.
 *
 * @example
 * ```ts
 * const condition: FaultMatchCondition = { prefix: 'test-' };
 * ```
 */
export type FaultMatchCondition = JsonScalar | { equals: JsonScalar } | { anyOf: JsonScalar[] } | { prefix: string } | { exists: boolean };

/**
 * `match` of a fault rule: JSONPath (starting with `$`) to condition; all must hold.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { '$.orderId': { prefix: 'test-' }, '$.region': 'eu-west-1' };
 * ```
 */
export type FaultMatch = Record<string, FaultMatchCondition>;

/**
 * A Lambda context as far as the injector needs it.
 *
 * @example
 * ```ts
 * const context: LambdaContextLike = { awsRequestId: 'c0ffee', getRemainingTimeInMillis: () => 3000 };
 * ```
 */
export interface LambdaContextLike {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
  [key: string]: unknown;
}
