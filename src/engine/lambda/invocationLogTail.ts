/** The most of an invocation's log that Lambda's Invoke returns with `LogType: Tail` (Lambda Invoke API: "the last 4 KB"). */
const logTailBytes = 4096;

/**
 * Memory figures of the REPORT line. Local functions have no configured memory size and their memory
 * use is not measured: both numbers are UNCONFIRMED stand-ins (128 MB is Lambda's default memory size).
 */
const reportMemorySizeMb = 128;
const reportMaxMemoryUsedMb = 64;

/**
 * `LogResult` of an Invoke with `LogType: Tail`: the base64 of the last 4 KB of the invocation's log,
 * which Lambda frames with its `START`, `END` and `REPORT` lines (the Lambda developer guide's CLI
 * example: `START RequestId: … Version: $LATEST`, `END RequestId: …`, `REPORT RequestId: …\tDuration:
 * 2.30 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 35 MB\t`). The duration is the
 * invocation's virtual time; Billed Duration rounds it up to the millisecond. The numbers are
 * UNCONFIRMED stand-ins. `functionLines` are what the function logged (functionLog.ts), between
 * START and END as in the guide's example. A cut inside a multi-byte character keeps the bytes as they are.
 *
 * @example
 * invocationLogTail('6f1c…', '$LATEST', 12, []);
 * // base64 of "START RequestId: 6f1c… Version: $LATEST\nEND RequestId: 6f1c…\nREPORT RequestId: 6f1c…\tDuration: 12.00 ms\t…"
 */
export function invocationLogTail(requestId: string, version: string, durationMs: number, functionLines: readonly string[]): string {
  const report = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(durationMs))} ms`,
    `Memory Size: ${reportMemorySizeMb} MB`,
    `Max Memory Used: ${reportMaxMemoryUsedMb} MB`,
    '',
  ].join('\t');
  const log = [`START RequestId: ${requestId} Version: ${version}`, ...functionLines, `END RequestId: ${requestId}`, report, ''].join('\n');
  const bytes = Buffer.from(log, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - logTailBytes)).toString('base64');
}
