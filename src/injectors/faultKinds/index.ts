import { errorFault } from './errorFault.js';
import type { FaultKind } from './FaultKind.js';
import type { FaultKindDefinition } from './FaultKindDefinition.js';
import { latencyFault } from './latencyFault.js';
import { throttleFault } from './throttleFault.js';
import { timeoutFault } from './timeoutFault.js';

/**
 * The fault kinds, one entry each: the injector, the fault config schema, the scenario file schema and
 * loader, the planner (`fromPlan: true`) and the fault-ledger matcher all read this table, so a new kind
 * is one file (a {@link FaultKindDefinition}) plus one line here and its name in {@link FaultKind}
 * (`FaultKind.ts`; the compiler checks that the two list the same kinds). The order is the order of
 * the fields in the derived schemas and of the kinds in messages.
 *
 * @example
 * ```ts
 * FAULT_KINDS.throttle.errorNamesRaised({}); // ['Lambda.TooManyRequestsException']
 * ```
 */
export const FAULT_KINDS = {
  error: errorFault,
  throttle: throttleFault,
  timeout: timeoutFault,
  latency: latencyFault,
} as const satisfies { readonly [K in FaultKind]: { readonly kind: K } };

export type { FaultKind } from './FaultKind.js';

type FieldsOf<D> = D extends FaultKindDefinition<string, infer F> ? F : never;
type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/**
 * The kind-specific fields of a fault rule: every field any kind reads (each kind reads only its own).
 *
 * @example
 * ```ts
 * const fields: FaultKindFields = { errorName: 'HTTPError', message: 'Service Unavailable' };
 * ```
 */
export type FaultKindFields = UnionToIntersection<FieldsOf<(typeof FAULT_KINDS)[FaultKind]>>;

/** Any entry of the table, as code that handles every kind sees it. */
export type AnyFaultKind = FaultKindDefinition<FaultKind, FaultKindFields>;

/**
 * The kinds' names, in table order.
 *
 * @example
 * ```ts
 * FAULT_KIND_NAMES.join(', '); // "error, throttle, timeout, latency"
 * ```
 */
export const FAULT_KIND_NAMES = Object.keys(FAULT_KINDS) as FaultKind[];

/**
 * Whether a name (from a ledger line, say) is a kind of this table.
 *
 * @example
 * ```ts
 * isFaultKind('throttle'); // true
 * ```
 */
export function isFaultKind(name: string): name is FaultKind {
  return Object.hasOwn(FAULT_KINDS, name);
}

/**
 * The table's entry for a kind, typed for a rule of any kind. Each entry reads only its own fields,
 * and is handed only rules of its own kind.
 *
 * @example
 * ```ts
 * faultKindOf(rule.kind).errorNamesRaised(rule);
 * ```
 */
export function faultKindOf(kind: FaultKind): AnyFaultKind {
  // The entries are typed for their own kind's rules; a rule of that kind has exactly those fields.
  return FAULT_KINDS[kind] as unknown as AnyFaultKind;
}

export type {
  FaultEffect,
  FaultInvocation,
  FaultKindDefinition,
  FaultRuleCommon,
  JsonSchemaFragment,
  PlannedInvocation,
  RuleOf,
  ScenarioFieldProblem,
} from './FaultKindDefinition.js';
export { drawLatency } from './latencyFault.js';
export { LONGEST_FAULT_WAIT_SECONDS } from './sharedFields.js';
