import { JSONPath } from 'jsonpath-plus';
import type { FaultMatch, FaultMatchCondition, JsonScalar } from './valueTypes.js';

/**
 * Whether an invocation's payload satisfies a fault rule's `match`: every entry's JSONPath is
 * evaluated against the payload with jsonpath-plus, and its condition must hold for at least one of
 * the values selected (`exists: false` holds when nothing is selected). A payload that is not an
 * object or array selects nothing.
 *
 * Comparison is strict (`"7"` is not `7`), because payloads come from JSON and a silent coercion
 * would let a fault escape the executions it was scoped to.
 *
 * @example
 * ```ts
 * matchesPayload({ '$.orderId': 'order-1001' }, { orderId: 'order-1001' }); // true
 * matchesPayload({ '$.orderId': { prefix: 'test-' } }, { orderId: 'order-1001' }); // false
 * matchesPayload({ '$.items[*].sku': { anyOf: ['A', 'B'] } }, { items: [{ sku: 'C' }, { sku: 'B' }] }); // true
 * ```
 */
export function matchesPayload(match: FaultMatch, payload: unknown): boolean {
  for (const [path, condition] of Object.entries(match)) {
    if (!conditionHolds(condition, select(path, payload))) return false;
  }
  return true;
}

function select(path: string, payload: unknown): unknown[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const selected: unknown = JSONPath({ path, json: payload, wrap: true });
  return Array.isArray(selected) ? selected : [];
}

function conditionHolds(condition: FaultMatchCondition, values: unknown[]): boolean {
  if (typeof condition !== 'object' || condition === null) return values.some((value) => value === condition);
  if ('exists' in condition) return condition.exists === values.length > 0;
  if ('equals' in condition) return values.some((value) => value === condition.equals);
  if ('anyOf' in condition) {
    const allowed: readonly JsonScalar[] = condition.anyOf;
    return values.some((value) => allowed.includes(value as JsonScalar));
  }
  return values.some((value) => typeof value === 'string' && value.startsWith(condition.prefix));
}
