/**
 * What the bench needs from an engine. Types only (JSDoc), no code.
 *
 * @typedef {object} RunOutcome
 * @property {string} [unsupported] set when the engine refuses the workload (the message says why)
 * @property {'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'} [status]
 * @property {unknown} [output] parsed execution output
 * @property {string} [error] error name of a failed execution
 * @property {Record<string, { invocations: number, injectedFaults: number }>} [counts]
 * @property {number} [virtualMs] execution duration on the engine's (virtual or faked) clock
 * @property {number} [historyEvents] events the engine recorded, when it keeps a history
 * @property {unknown} [retained] what a caller gets back and would keep: the memory figure holds it
 *
 * @typedef {object} PreparedWorkload
 * @property {() => Promise<RunOutcome>} runOnce runs one execution
 * @property {() => void} dispose undoes whatever `prepare` installed
 *
 * @typedef {object} BenchEngine
 * @property {string} id
 * @property {(workload: import('../workloads/types.mjs').Workload) => Promise<PreparedWorkload>} prepare
 */
export {};
