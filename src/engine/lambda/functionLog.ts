import { keptWith } from './lambdaContext.js';

/*
 * What a local function wrote to its log during one invocation (its console output, in the Lambda
 * runtime's line format), kept with the invocation's context (lambdaContext.ts): the lines a
 * `lambda:invoke` with `LogType: Tail` puts between `START` and `END` in `LogResult` (invocationLogTail.ts).
 */

/**
 * Adds log lines to the invocation behind `context` (the `LocalLambdaContext` the engine gave the
 * function). The local target's execution environments call it with what the handler wrote to the
 * console; a function given straight to the engine may call it with lines of its own. Lines for an
 * object the engine did not make are dropped.
 *
 * @example
 * recordFunctionLog(context, [`${new Date(context.sfnChaos.now()).toISOString()}\t${context.awsRequestId}\tINFO\tcharged`]);
 */
export function recordFunctionLog(context: object, lines: readonly string[]): void {
  const kept = keptWith(context);
  if (kept === undefined) return;
  if (kept.logLines === undefined) kept.logLines = [...lines];
  else kept.logLines.push(...lines);
}

/**
 * The lines recorded for the invocation behind `context`, in the order written; none for most.
 *
 * @example
 * functionLogLines(context); // ['2025-01-01T00:00:00.000Z\t6f1c…\tINFO\tcharged']
 */
export function functionLogLines(context: object): readonly string[] {
  return keptWith(context)?.logLines ?? [];
}
