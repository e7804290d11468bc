/**
 * What a fault does when it fires: the name of one entry of `FAULT_KINDS` (`faultKinds/index.ts`),
 * which the compiler holds to exactly this list. A leaf (it imports nothing), so that the injected
 * errors, which record their kind, need not import the table whose kinds raise them.
 *
 * @example
 * ```ts
 * const kind: FaultKind = 'throttle';
 * ```
 */
export type FaultKind = 'error' | 'throttle' | 'timeout' | 'latency';
