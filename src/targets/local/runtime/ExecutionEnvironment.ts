import { Worker } from 'node:worker_threads';
import { freezeInvocation, logStreamNameOf, recordFunctionLog } from '../../../engine/index.js';
import type { LocalLambdaContext } from '../../../engine/api/types.js';
import { environmentSource } from './environmentSource.js';
import type { ContextFacts, EngineCall, FromEnvironment, ThrownValue, ToEnvironment } from './protocol.js';

/** Where a handler lives: the module file and the export to call. */
export interface HandlerModule {
  file: string;
  exportName: string;
}

interface PendingInvocation {
  context: LocalLambdaContext;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One worker thread and the invocations it has in hand. */
interface Sandbox {
  worker: Worker;
  pending: Map<number, PendingInvocation>;
  /** Messages for the worker, sent together at the next event-loop turn. */
  outbox: ToEnvironment[];
  /** Set once a timeout reset the environment: takes no new invocations, ends when its last one does. */
  retired: boolean;
}

/** Which environment, sandbox and id an invocation went to, so that `stop` finds it. */
interface SentTo {
  environment: ExecutionEnvironment;
  sandbox: Sandbox;
  invocationId: number;
}

/**
 * Where each invocation went ({@link SentTo}), kept on its context under a key the handler does not see (not
 * enumerable): a long-lived WeakMap by context, whose keys are young objects, is costly for V8's garbage
 * collector, and there is a context for every Lambda attempt.
 */
const sentTo = Symbol('sfn-chaos.executionEnvironment');

/**
 * A result JSON cannot hold, as the environment found it: serialising it again fails with the
 * same reason, so the engine reports it the way it reports an in-process handler's.
 */
class UnserialisableResult {
  readonly #reason: string;

  constructor(reason: string) {
    this.#reason = reason;
  }

  toJSON(): never {
    throw new TypeError(this.#reason);
  }
}

/**
 * A Lambda execution environment for one function's handler: a worker thread, started on the first
 * invocation (a cold start, which imports the module) and kept warm for the next ones. The handler
 * runs there, so a handler stuck in a busy loop blocks only its own thread: its invocation runs out of
 * time, the engine ends it at its function timeout (`Sandbox.Timedout`) and calls {@link stop}, which
 * resets the environment like Lambda does: the worker is terminated (at once when nothing else runs in
 * it) and the next invocation starts a new one. Concurrent invocations (Map iterations, Parallel
 * branches) share one environment, where Lambda would give each its own; what each writes to the
 * console is still kept apart, by invocation, for its `LogResult` (environmentSource.ts).
 *
 * @example
 * const environment = new ExecutionEnvironment({ file: '/abs/handlers.mjs', exportName: 'handler' });
 * const result = await environment.invoke(event, context); // context: the engine's LocalLambdaContext
 * await environment.close();
 */
export class ExecutionEnvironment {
  readonly #handler: HandlerModule;
  #current: Sandbox | undefined;
  readonly #sandboxes = new Set<Sandbox>();
  #nextInvocationId = 1;

  constructor(handler: HandlerModule) {
    this.#handler = handler;
  }

  /**
   * Starts the environment ahead of its first invocation, so that the thread's start and the module's import
   * overlap with the rest of the run's preparation (several functions' environments start side by side). The
   * first invocation still waits for the import, and an import that failed is still that invocation's error;
   * a started environment is what the first invocation would have started. No-op when one is running.
   *
   * @example
   * environment.warm(); // while the scenario file is still being checked
   */
  warm(): void {
    if (this.#current === undefined) this.#start();
  }

  /** Runs the handler for one invocation. Resolves with its result; rejects with what it threw. */
  invoke(event: unknown, context: LocalLambdaContext): Promise<unknown> {
    const sandbox = this.#current ?? this.#start();
    const invocationId = this.#nextInvocationId++;
    Object.defineProperty(context, sentTo, { value: { environment: this, sandbox, invocationId } satisfies SentTo });
    const message: ToEnvironment = {
      type: 'invoke',
      invocationId,
      event,
      context: contextFactsOf(context),
      now: context.sfnChaos.now(),
      remainingMs: context.getRemainingTimeInMillis(),
    };
    return new Promise((resolve, reject) => {
      sandbox.pending.set(invocationId, { context, resolve, reject });
      send(sandbox, message);
    });
  }

  /**
   * The function's timeout ended the invocation behind `context`: its handler is dropped, and the
   * environment is reset (its worker terminated once nothing else runs in it).
   */
  stop(context: LocalLambdaContext): void {
    const invocation = (context as { [sentTo]?: SentTo })[sentTo];
    if (invocation === undefined || invocation.environment !== this) return;
    const { sandbox, invocationId } = invocation;
    sandbox.pending.delete(invocationId);
    sandbox.retired = true;
    if (this.#current === sandbox) this.#current = undefined;
    this.#endIfIdle(sandbox);
  }

  /** Terminates every worker; pending invocations never settle (their run is over). */
  async close(): Promise<void> {
    const sandboxes = [...this.#sandboxes];
    this.#sandboxes.clear();
    this.#current = undefined;
    await Promise.all(sandboxes.map((sandbox) => sandbox.worker.terminate()));
  }

  #start(): Sandbox {
    const worker = new Worker(environmentSource, { eval: true, workerData: { ...this.#handler } });
    const sandbox: Sandbox = { worker, pending: new Map(), outbox: [], retired: false };
    worker.on('message', (messages: FromEnvironment[]) => {
      for (const message of messages) this.#onMessage(sandbox, message);
    });
    worker.on('error', (error) => this.#onCrash(sandbox, error));
    worker.on('exit', () => this.#onCrash(sandbox, new Error('the execution environment exited')));
    // An environment never keeps the process alive: the run decides when it is over. After the
    // listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.#sandboxes.add(sandbox);
    this.#current = sandbox;
    return sandbox;
  }

  #onMessage(sandbox: Sandbox, message: FromEnvironment): void {
    switch (message.type) {
      case 'result': {
        const pending = sandbox.pending.get(message.invocationId);
        if (pending === undefined) return;
        sandbox.pending.delete(message.invocationId);
        if ('text' in message) pending.resolve(JSON.parse(message.text) as unknown);
        else if ('unserialisable' in message) pending.resolve(new UnserialisableResult(message.unserialisable));
        else pending.reject(thrownValueOf(message.thrown));
        this.#endIfIdle(sandbox);
        return;
      }
      case 'call': {
        const pending = sandbox.pending.get(message.invocationId);
        // A call from an invocation that is over is never answered: its sandbox is frozen.
        if (pending !== undefined) void answerCall(sandbox, pending.context, message.callId, message.call, message.args);
        return;
      }
      case 'log': {
        const pending = sandbox.pending.get(message.invocationId);
        if (pending !== undefined) recordFunctionLog(pending.context, [message.line]);
        return;
      }
      case 'stalled':
        for (const invocationId of message.invocationIds) {
          const pending = sandbox.pending.get(invocationId);
          if (pending !== undefined) freezeInvocation(pending.context);
        }
        return;
    }
  }

  /**
   * A worker that dies on its own (an uncaught exception in a handler's stray callback, which ends
   * a Lambda environment too): its pending invocations are frozen, so each ends at its timeout.
   */
  #onCrash(sandbox: Sandbox, _error: unknown): void {
    if (!this.#sandboxes.delete(sandbox)) return;
    if (this.#current === sandbox) this.#current = undefined;
    for (const pending of sandbox.pending.values()) freezeInvocation(pending.context);
    sandbox.pending.clear();
  }

  #endIfIdle(sandbox: Sandbox): void {
    if (!sandbox.retired || sandbox.pending.size > 0 || !this.#sandboxes.delete(sandbox)) return;
    void sandbox.worker.terminate();
  }
}

/**
 * Queues a message for the worker; the queue goes out as one message at the next event-loop turn, so
 * the invocations a Map starts together reach the worker together.
 */
function send(sandbox: Sandbox, message: ToEnvironment): void {
  sandbox.outbox.push(message);
  if (sandbox.outbox.length > 1) return;
  setImmediate(() => {
    const messages = sandbox.outbox;
    sandbox.outbox = [];
    sandbox.worker.postMessage(messages);
  });
}

function contextFactsOf(context: LocalLambdaContext): ContextFacts {
  return {
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    functionVersion: context.functionVersion,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    logGroupName: context.logGroupName,
    // Read from the engine's record, not the context: reading the context's own would define it there, at every invocation.
    logStreamName: logStreamNameOf(context) ?? context.logStreamName,
    executionArn: context.sfnChaos.executionArn,
    stateName: context.sfnChaos.stateName,
    retryCount: context.sfnChaos.retryCount,
  };
}

async function answerCall(sandbox: Sandbox, context: LocalLambdaContext, callId: number, call: EngineCall, args: unknown[]): Promise<void> {
  const facts = context.sfnChaos;
  let reply: ToEnvironment;
  try {
    switch (call) {
      case 'sleep':
        await facts.sleep(args[0] as number);
        break;
      case 'sendTaskSuccess':
        await facts.sendTaskSuccess(args[0] as string, args[1]);
        break;
      case 'sendTaskFailure':
        await facts.sendTaskFailure(args[0] as string, args[1] as { error?: string; cause?: string } | undefined);
        break;
      case 'sendTaskHeartbeat':
        await facts.sendTaskHeartbeat(args[0] as string);
        break;
    }
    reply = { type: 'reply', callId, now: facts.now(), ok: true };
  } catch (error) {
    reply = { type: 'reply', callId, now: facts.now(), ok: false, error: describeThrown(error) };
  }
  send(sandbox, reply);
}

function describeThrown(value: unknown): ThrownValue {
  if (value instanceof Error) return { kind: 'error', name: value.name, message: value.message, stack: value.stack };
  return { kind: 'other', type: typeof value, text: String(value) };
}

/** The value the handler threw, rebuilt so that the engine's error payload comes out as in-process. */
function thrownValueOf(thrown: ThrownValue): unknown {
  switch (thrown.kind) {
    case 'error': {
      const error = new Error(thrown.message);
      error.name = thrown.name;
      if (thrown.stack === undefined) delete error.stack;
      else error.stack = thrown.stack;
      if (thrown.stackTrace !== undefined) Object.assign(error, { stackTrace: thrown.stackTrace });
      return error;
    }
    case 'value':
      return thrown.value;
    case 'other': {
      const text = thrown.text;
      const asText = { toString: (): string => text };
      return thrown.type === 'function' ? Object.assign(function thrownFunction() {}, asText) : asText;
    }
  }
}
