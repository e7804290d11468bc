/**
 * What a local function wrote to its log during one invocation (its console output, in the Lambda
 * runtime's line format), kept by the invocation's context: the lines a `lambda:invoke` with
 * `LogType: Tail` puts between `START` and `END` in `LogResult` (invocationLogTail.ts).
 */
const linesByContext = new WeakMap<object, string[]>();

/**
 * Adds log lines to the invocation behind `context` (the `LocalLambdaContext` the engine gave the
 * function). The local target's execution environments call it with what the handler wrote to the
 * console; a function given straight to the engine may call it with lines of its own.
 *
 * @example
 * recordFunctionLog(context, [`${new Date(context.sfnChaos.now()).toISOString()}\t${context.awsRequestId}\tINFO\tcharged`]);
 */
export function recordFunctionLog(context: object, lines: readonly string[]): void {
  const kept = linesByContext.get(context);
  if (kept === undefined) linesByContext.set(context, [...lines]);
  else kept.push(...lines);
}

/**
 * The lines recorded for the invocation behind `context`, in the order written; none for most.
 *
 * @example
 * functionLogLines(context); // ['2025-01-01T00:00:00.000Z\t6f1c…\tINFO\tcharged']
 */
export function functionLogLines(context: object): readonly string[] {
  return linesByContext.get(context) ?? [];
}
