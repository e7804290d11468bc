/**
 * The shape every workload of the engine benchmark has. Types only (JSDoc), no code.
 *
 * @typedef {object} WorkloadFunction
 * @property {string} key the name faults use for the function (`downloadExoplanetsLambda`)
 * @property {string} name function name (last ARN segment)
 * @property {string} arn unqualified function ARN, as the definition refers to it
 * @property {number} timeoutSeconds the function's own timeout
 * @property {(event: unknown, context: unknown) => Promise<unknown>} handler the plain handler, without any chaos wrapper
 * @property {import('../../../dist/index.js').FaultRule[]} faults what `withChaos` injects into it
 *
 * @typedef {object} ExpectedOutcome
 * @property {'SUCCEEDED' | 'FAILED'} status
 * @property {unknown} output the execution output after `comparableOutput`
 * @property {Record<string, { invocations: number, injectedFaults: number }>} counts per function key
 * @property {number | undefined} virtualSeconds execution duration on the virtual clock, when the
 *   workload pins it down (Map timing depends on the concurrency model, so it is only compared)
 *
 * @typedef {object} Workload
 * @property {string} id short id used on the command line and in the table
 * @property {string} title one line for the report
 * @property {Record<string, unknown>} definition the ASL definition, placeholders already substituted
 * @property {unknown} input execution input
 * @property {WorkloadFunction[]} functions
 * @property {Record<string, string>} taskFunctions Task state name -> function key. The peer engine
 *   overrides Tasks by state name, not by ARN.
 * @property {(stateName: string, event: unknown) => string} attemptKeyOf groups invocations into one
 *   state visit's attempts. Only the peer needs it: it does not tell a handler its retry count.
 * @property {(output: unknown) => unknown} comparableOutput reduces an execution output to what both
 *   engines must agree on (see the workload for what it drops and why)
 * @property {ExpectedOutcome} expected
 */
export {};
