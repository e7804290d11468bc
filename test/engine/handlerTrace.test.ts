import { afterEach, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { LocalFunction } from '../../src/engine/index.js';
import { callHandler, handlerStackLines } from '../../src/engine/index.js';
import { arnOf, eventsOfType, parsed, run, singleTask } from './helpers.js';

const thisFile = fileURLToPath(import.meta.url);

function failingHelper(message: string): never {
  throw new Error(message);
}

/** Throws from a nested helper, as a handler calling its own code would. */
function handlerThatFails(): never {
  failingHelper('upstream returned 503');
}

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

/** The trace of the `LambdaFunctionFailed` cause of a one-Task run whose function's invoke is `invoke`. */
async function traceOfFailedRun(invoke: LocalFunction['invoke']): Promise<string[]> {
  const fn: LocalFunction = { name: 'work', arn: arnOf('work'), timeoutSeconds: 3, invoke };
  const result = await run(singleTask('work'), [fn]);
  const cause = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails?.cause;
  return (parsed(cause) as { trace: string[] }).trace;
}

const defaultPrepareStackTrace = Error.prepareStackTrace;
afterEach(() => {
  Error.prepareStackTrace = defaultPrepareStackTrace;
});

describe("a thrown error's trace ends at the handler's own frames", () => {
  it('leaves out every frame of the engine below the handler', async () => {
    const trace = await traceOfFailedRun(() => handlerThatFails());
    // The helper, the handler and the function's own invoke (jest names the frames after its source maps),
    // then nothing more: no frame of the engine's files.
    expect(trace[0]).toBe('Error: upstream returned 503');
    expect(trace).toHaveLength(4);
    for (const frame of trace.slice(1)) expect(frame).toMatch(new RegExp(`^ {4}at .*\\(${thisFile}:\\d+:\\d+\\)$`));
    expect(trace.join('\n')).not.toMatch(/src\/engine|invokeLocalFunction|runTaskState/);
  });

  it('calls the handler from a stack of its own, with no frame of the engine on it', async () => {
    let seen = '';
    const fn: LocalFunction = {
      name: 'work',
      arn: arnOf('work'),
      timeoutSeconds: 3,
      invoke: async () => {
        seen = new Error('seen from the handler').stack ?? '';
        return { ok: true };
      },
    };
    const result = await run(singleTask('work'), [fn]);
    expect(result.status).toBe('SUCCEEDED');
    expect(seen.split('\n').length).toBeGreaterThan(2);
    // Nothing of the state loop below the call (the microtask's own frame is the engine's last).
    expect(seen).not.toMatch(/runLegacyLambdaAttempt|lambdaAttempts|runTaskState|runStateSequence|runExecution/);
  });

  it('hands the formatter in place only the frames above the boundary, and keeps its text', () => {
    const received: number[] = [];
    // As V8 formats a stack, with a mark to show whose text it is.
    Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => {
      received.push(sites.length);
      return [`${String(error)} (formatted)`, ...sites.map((site) => `    at ${site}`)].join('\n');
    };
    const error = caught(() => callHandler(handlerThatFails, undefined, {}, {}));
    const lines = handlerStackLines(error);
    expect(lines.map((line) => line.split(' (')[0])).toEqual([
      'Error: upstream returned 503',
      '    at failingHelper',
      '    at handlerThatFails',
    ]);
    expect(lines[0]).toBe('Error: upstream returned 503 (formatted)');
    expect(received).toEqual([2]);
    // The error keeps the same text as its stack, and the formatter is put back.
    expect(error.stack).toBe(lines.join('\n'));
    expect(Error.prepareStackTrace).not.toBe(defaultPrepareStackTrace);
  });

  it('keeps every frame when the boundary is not on the stack', () => {
    Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) =>
      [String(error), ...sites.map((site) => `    at ${site}`)].join('\n');
    const [byFormatter, kept] = [0, 1].map(() => caught(() => handlerThatFails()));
    expect(handlerStackLines(kept as Error)).toEqual((byFormatter?.stack ?? '').split('\n'));
  });

  it.each([
    ['already formatted', () => caught(() => callHandler(handlerThatFails, undefined, {}, {}))],
    ['thrown with a callback given', () => caught(() => callHandler(handlerThatFails, undefined, {}, {}, () => undefined))],
  ])("cuts a stack formatted before it is read (%s) at the line of the boundary's frame", (_case, make) => {
    const error = make();
    const whole = (error.stack ?? '').split('\n');
    expect(whole.length).toBeGreaterThan(4);
    expect(handlerStackLines(error)).toEqual(whole.slice(0, 3));
  });

  it('learns the boundary line once per formatter, not for every stack it cuts', () => {
    let formatted = 0;
    Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => {
      formatted += 1;
      return [String(error), ...sites.map((site) => `    at ${site}`)].join('\n');
    };
    // Stacks set as text (an injected fault's, an environment's) are cut by text, many times in a run.
    const errors = [0, 1, 2].map(() => Object.assign(new Error('set'), { stack: 'HTTPError: set' }));
    const before = formatted;
    for (const error of errors) expect(handlerStackLines(error)).toEqual(['HTTPError: set']);
    // Two probes (one per call of the boundary), the first time only.
    expect(formatted - before).toBe(2);
  });

  it('learns the boundary line again when the formatter changes', () => {
    const cutByDefault = caught(() => callHandler(handlerThatFails, undefined, {}, {}));
    void cutByDefault.stack;
    expect(handlerStackLines(cutByDefault)).toHaveLength(3);
    Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) =>
      [`Mapped ${error.message}`, ...sites.map((site) => `    at ${site.getFunctionName() ?? '<anonymous>'} (mapped.ts:1:1)`)].join('\n');
    const error = caught(() => callHandler(handlerThatFails, undefined, {}, {}));
    void error.stack;
    expect(handlerStackLines(error)).toEqual([
      'Mapped upstream returned 503',
      '    at failingHelper (mapped.ts:1:1)',
      '    at handlerThatFails (mapped.ts:1:1)',
    ]);
  });

  it("cuts a stack Node.js's formatter writes for its own errors without changing its first line", () => {
    const [byNode, kept] = [0, 1].map(() => caught(() => callHandler(() => Buffer.alloc(-1), undefined, {}, {})));
    const lines = handlerStackLines(kept as Error);
    expect(lines[0]).toBe(byNode?.stack?.split('\n')[0]);
    expect(lines[0]).toMatch(/^RangeError\b.*out of range/);
    expect(lines.length).toBeLessThan((byNode?.stack ?? '').split('\n').length);
  });

  it("gives no lines when the program's formatter throws, and leaves it in place", () => {
    const throwing = (): never => {
      throw new Error('formatter broke');
    };
    Error.prepareStackTrace = throwing;
    const error = new Error('unformattable');
    expect(handlerStackLines(error)).toEqual([]);
    expect(Error.prepareStackTrace).toBe(throwing);
  });

  it('reads the stack as formatted when Error.prepareStackTrace cannot be replaced', () => {
    const fixed = (error: Error, sites: NodeJS.CallSite[]) => [String(error), ...sites.map((site) => `    at ${site}`)].join('\n');
    const original = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
    Object.defineProperty(Error, 'prepareStackTrace', { value: fixed, writable: false, configurable: true });
    try {
      const error = caught(() => callHandler(handlerThatFails, undefined, {}, {}));
      expect(handlerStackLines(error).map((line) => line.split(' (')[0])).toEqual([
        'Error: upstream returned 503',
        '    at failingHelper',
        '    at handlerThatFails',
      ]);
    } finally {
      if (original === undefined) delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
      else Object.defineProperty(Error, 'prepareStackTrace', original);
    }
  });

  it('gives no lines for an error without a stack', () => {
    const error = new Error('no stack');
    delete error.stack;
    expect(handlerStackLines(error)).toEqual([]);
  });

  it('passes this, the event, the context and (only when given) the callback', () => {
    const receiver = {
      seen: [] as unknown[][],
      record(this: { seen: unknown[][] }, ...args: unknown[]) {
        this.seen.push(args);
        return args.length;
      },
    };
    const callback = (): void => undefined;
    expect(callHandler(receiver.record, receiver, 'event', 'context')).toBe(2);
    expect(callHandler(receiver.record, receiver, 'event', 'context', callback)).toBe(3);
    expect(receiver.seen).toEqual([
      ['event', 'context'],
      ['event', 'context', callback],
    ]);
  });
});
