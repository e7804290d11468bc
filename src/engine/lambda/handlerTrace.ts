/**
 * A handler's stack trace as a local invocation reports it (the `trace` of Lambda's error payload):
 * the frames from the throw down to the function that called the handler, and none below it.
 *
 * On AWS the frames below the handler are the Node.js runtime's (`Runtime.handleOnceNonStreaming` in
 * `/var/runtime/index.mjs`). Here they would be the engine's and the local target's: they mean
 * nothing to the function's author, change from one sfn-chaos release to the next, and formatting
 * them was most of what a thrown error cost. They are left out; the runtime's frames have no local
 * counterpart, and none are made up.
 *
 * The two functions use nothing but each other and the language's globals (no imports, no other
 * module-level names), because the execution environment's worker embeds their source
 * (environmentSource.ts): one definition of the boundary and of the trace for every way a handler runs.
 */

/**
 * Calls a handler (with `thisArg` as `this`) as the one frame every local invocation passes through:
 * {@link handlerStackLines} ends a trace at its frame, found by its name. A callback is passed only
 * when given, so that a handler sees the arguments the runtime would give it.
 *
 * @example
 * const result = callHandler(fn.invoke, fn, event, context);
 */
export function callHandler(
  handler: (...args: never[]) => unknown,
  thisArg: unknown,
  event: unknown,
  context: unknown,
  callback?: (error?: unknown, result?: unknown) => void,
): unknown {
  const fn = handler as (this: unknown, ...args: unknown[]) => unknown;
  return callback === undefined ? fn.call(thisArg, event, context) : fn.call(thisArg, event, context, callback);
}

/**
 * The lines of `error.stack` down to the frame of {@link callHandler}, which is left out with every
 * frame below it; the whole stack when that frame is not on it (an error made before the handler was
 * called).
 *
 * When the stack is still unformatted (V8 formats it on first read), V8's call sites are cut at the
 * boundary and handed to the formatter in place: Node's own (`Error.prepareStackTrace` is Node's
 * default, with its `--enable-source-maps` mapping and its first line for its own errors) or the
 * program's (a source-map library), so the text is theirs, only shorter, and the frames left out are
 * never formatted. A stack already formatted, or formatted outside this realm (a test runner's vm
 * context, which has no formatter of its own), is cut at the line the formatter writes for the
 * boundary's frame, learnt by formatting a throw from it.
 *
 * @example
 * handlerStackLines(error); // ['HTTPError: 503', '    at handler (file:///app/index.mjs:3:9)']
 */
export function handlerStackLines(error: Error): string[] {
  const format = Error.prepareStackTrace;
  let cut = false;
  let stack: unknown;
  try {
    if (format === undefined || !Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace')?.writable) {
      stack = error.stack;
    } else {
      Error.prepareStackTrace = (thrown: Error, sites: NodeJS.CallSite[]): unknown => {
        cut = true;
        const end = sites.findIndex((site) => site.getFunctionName() === callHandler.name);
        return format.call(Error, thrown, end === -1 ? sites : sites.slice(0, end));
      };
      try {
        stack = error.stack;
      } finally {
        Error.prepareStackTrace = format;
      }
    }
  } catch {
    // A formatter that throws (the program's own) leaves the error without a stack to report, not the run broken.
    return [];
  }
  if (typeof stack !== 'string') return [];
  const lines = stack.split('\n');
  if (cut) return lines;
  // The line of the boundary's frame, for each of its two calls, as the formatter in place writes it; kept
  // on this function for that formatter (a stack read again in the engine, as an environment sent it, is common).
  const learnt = handlerStackLines as { boundaryLines?: { format: unknown; lines: (string | undefined)[] } };
  if (learnt.boundaryLines === undefined || learnt.boundaryLines.format !== format) {
    const probeLines = [undefined, () => undefined].map((callback) => {
      try {
        callHandler(
          () => {
            throw new Error('boundary');
          },
          undefined,
          undefined,
          undefined,
          callback,
        );
      } catch (thrown) {
        const probe = (thrown as Error).stack;
        return typeof probe === 'string' ? probe.split('\n')[2] : undefined;
      }
      return undefined;
    });
    learnt.boundaryLines = { format, lines: probeLines };
  }
  const boundaryLines = learnt.boundaryLines.lines;
  const end = lines.findIndex((line, index) => index > 0 && boundaryLines.includes(line));
  return end === -1 ? lines : lines.slice(0, end);
}
