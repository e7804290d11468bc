import type { LocalFunction, LocalLambdaContext } from '../../src/engine/index.js';
import { parseFunctionRef } from '../../src/engine/index.js';
import { recordedFunctionNames } from '../../src/conformance/placeholders.js';

/**
 * Local stand-ins for the Python 3.12 handlers the recorded tests deployed, behaving as each case's
 * meta.json describes. Errors carry the frames the real functions reported, so that the error
 * payloads (and therefore causes) can be compared exactly.
 */

class PythonException extends Error {
  readonly stackTrace: string[];
  constructor(errorType: string, message: string, stackTrace: string[]) {
    super(message);
    this.name = errorType;
    this.stackTrace = stackTrace;
  }
}

type Handler = (event: unknown, context: LocalLambdaContext) => Promise<unknown>;

export const recordedHandlers: Record<string, { handler: Handler; timeoutSeconds: number }> = {
  'raise_exception.py': {
    timeoutSeconds: 3,
    handler: async () => {
      throw new PythonException('Exception', 'Some exception was raised.', [
        '  File "/var/task/handler.py", line 2, in handler\n    raise Exception("Some exception was raised.")\n',
      ]);
    },
  },
  'raise_custom_exception.py': {
    timeoutSeconds: 3,
    handler: async () => {
      throw new PythonException('CustomException', '', [
        '  File "/var/task/handler.py", line 9, in handler\n    raise CustomException()\n',
      ]);
    },
  },
  'large_output_string.py': {
    timeoutSeconds: 3,
    handler: async () => 'a'.repeat(257 * 1024),
  },
  'id_function.py': {
    timeoutSeconds: 3,
    handler: async (event) => event,
  },
  'wait_60_seconds.py': {
    // Longer than the 60 s sleep, so only the state's TimeoutSeconds can interrupt it.
    timeoutSeconds: 120,
    handler: async (event, context) => {
      await context.sfnChaos.sleep(60_000);
      return event;
    },
  },
};

/** The handler file a case's meta.json names, e.g. `raise_exception.py`. */
export function handlerFileOf(lambdaHandler: string | null | undefined): string | undefined {
  if (!lambdaHandler) return undefined;
  return Object.keys(recordedHandlers).find((file) => lambdaHandler.includes(`/${file}`));
}

/** Resolves every recorded function name to the case's handler; anything else does not exist. */
export function recordedFunctionResolver(handlerFile: string | undefined): (ref: string) => LocalFunction | undefined {
  const behaviour = handlerFile === undefined ? undefined : recordedHandlers[handlerFile];
  return (ref) => {
    const name = parseFunctionRef(ref)?.name;
    if (!behaviour || name === undefined || !(recordedFunctionNames as readonly string[]).includes(name)) return undefined;
    return {
      name,
      arn: `arn:aws:lambda:us-east-1:111111111111:function:${name}`,
      timeoutSeconds: behaviour.timeoutSeconds,
      runtime: 'python',
      invoke: (payload, context) => behaviour.handler(payload, context),
    };
  };
}
