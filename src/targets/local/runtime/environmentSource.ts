import { callHandler, handlerStackLines } from '../../../engine/index.js';

/**
 * The code of a handler's execution environment: a worker thread that imports the handler module
 * (its init phase, on the first invocation: a cold start), runs invocations as the Node.js Lambda
 * runtime does, and forwards the handler's `context.sfnChaos` calls to the engine. It is kept as
 * source text (run with `eval: true`) so that it needs no file of its own next to the compiled code,
 * and imports nothing of sfn-chaos: a worker cannot load the TypeScript sources the tests run on.
 *
 * Stall check: while some handler is pending, no engine call is waiting for an answer and the
 * worker holds no active resource but its message port (`process.getActiveResourcesInfo()`), nothing
 * can ever settle those handlers; the environment reports them, so that they end at their function
 * timeout in virtual time instead of after a real-time guard. An unref'd timer does not count as a
 * resource, so a handler waiting only on one is reported too.
 *
 * A handler is called through the engine's `callHandler`, and a thrown error's stack is read with its
 * `handlerStackLines`: the source of both is embedded, so a trace ends at the handler's own frames as it
 * does when the handler runs in-process (handlerTrace.ts).
 *
 * Messages: see protocol.ts; both sides send them in batches (arrays), one per event-loop turn.
 */
export const environmentSource = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');

const { AsyncLocalStorage } = require('node:async_hooks');
const { format } = require('node:util');

const ORIGINAL_HANDLER = Symbol.for('sfn-chaos.originalHandler');
const STALL_CHECK_MS = 20;
const pendingInvocations = new Set();
const pendingCalls = new Map();
let nextCallId = 1;
let virtualNow = 0;
let stallCheck;
// Messages go out in batches, one per event-loop turn: a Map's concurrent iterations then cost the
// engine one wake-up per turn instead of one per result.
let outbox = [];

function send(message) {
  outbox.push(message);
  if (outbox.length === 1) setImmediate(flush);
}

function flush() {
  const messages = outbox;
  outbox = [];
  parentPort.postMessage(messages);
}

// Console output, per invocation: each invocation runs in its own async context, so the lines a handler
// writes (also from its callbacks and awaits) go to its own log, never to another's running beside it.
// Each console line is the Node.js runtime's text format, \`<ISO time>\\t<request id>\\t<LEVEL>\\t<message>\`
// (console.log and console.info INFO, console.debug DEBUG, console.trace TRACE, as the runtime's LogPatch
// maps them), with the virtual time; what process.stdout / process.stderr get written directly is kept as
// written, one entry per write. The output still reaches the console as before.
const invocationLog = new AsyncLocalStorage();
const CONSOLE_LEVELS = { log: 'INFO', info: 'INFO', debug: 'DEBUG', trace: 'TRACE', warn: 'WARN', error: 'ERROR' };
let inConsoleCall = false;

function logLine(line) {
  const invocation = invocationLog.getStore();
  if (invocation !== undefined) send({ type: 'log', invocationId: invocation.invocationId, line });
}

for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
  const original = console[method];
  if (typeof original !== 'function') continue;
  console[method] = function capturedConsole(...args) {
    const invocation = invocationLog.getStore();
    if (invocation !== undefined) logLine(new Date(virtualNow).toISOString() + '\\t' + invocation.requestId + '\\t' + level + '\\t' + format(...args));
    inConsoleCall = true;
    try {
      return original.apply(this, args);
    } finally {
      inConsoleCall = false;
    }
  };
}

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write;
  stream.write = function capturedWrite(chunk, ...rest) {
    if (!inConsoleCall && invocationLog.getStore() !== undefined) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      logLine(text.endsWith('\\n') ? text.slice(0, -1) : text);
    }
    return write.call(this, chunk, ...rest);
  };
}

${callHandler.toString()}

${handlerStackLines.toString()}

function unwrap(handler) {
  let current = handler;
  for (let depth = 0; depth < 100; depth++) {
    const inner = typeof current === 'function' ? current[ORIGINAL_HANDLER] : undefined;
    if (typeof inner !== 'function') break;
    current = inner;
  }
  return current;
}

const loading = import(pathToFileURL(workerData.file).href).then((module) => {
  const exported = module[workerData.exportName];
  if (typeof exported !== 'function') throw new TypeError(workerData.file + ' has no function export "' + workerData.exportName + '"');
  return unwrap(exported);
});
// Not reported here: the first invocation reports an init failure as its own error.
loading.catch(() => undefined);

function describeThrown(value) {
  if (value instanceof Error) {
    const stack = ${handlerStackLines.name}(value);
    const described = { kind: 'error', name: String(value.name), message: String(value.message), stack: stack.length > 0 ? stack.join('\\n') : undefined };
    const frames = value.stackTrace;
    if (Array.isArray(frames) && frames.every((frame) => typeof frame === 'string')) described.stackTrace = frames;
    return described;
  }
  const type = typeof value;
  if (value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' || type === 'undefined') return { kind: 'value', value };
  let text;
  try {
    text = String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return { kind: 'other', type, text };
}

function thrownFrom(described) {
  const error = new Error(described.kind === 'error' ? described.message : String(described.text ?? described.value));
  if (described.kind === 'error') {
    error.name = described.name;
    if (described.stack !== undefined) error.stack = described.stack;
  }
  return error;
}

function callEngine(invocationId, call, args) {
  return new Promise((resolve, reject) => {
    const callId = nextCallId++;
    pendingCalls.set(callId, { resolve, reject });
    // Cloned now, so that a value structured cloning refuses fails this call, not the batch.
    let clonedArgs;
    try {
      clonedArgs = structuredClone(args);
    } catch (error) {
      pendingCalls.delete(callId);
      reject(error);
      return;
    }
    send({ type: 'call', callId, invocationId, call, args: clonedArgs });
  });
}

function contextOf(message) {
  const facts = message.context;
  const id = message.invocationId;
  const deadline = message.now + message.remainingMs;
  return {
    awsRequestId: facts.awsRequestId,
    functionName: facts.functionName,
    functionVersion: facts.functionVersion,
    invokedFunctionArn: facts.invokedFunctionArn,
    memoryLimitInMB: facts.memoryLimitInMB,
    logGroupName: facts.logGroupName,
    logStreamName: facts.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - virtualNow),
    sfnChaos: {
      executionArn: facts.executionArn,
      stateName: facts.stateName,
      retryCount: facts.retryCount,
      sleep: (ms) => callEngine(id, 'sleep', [ms]),
      now: () => virtualNow,
      sendTaskSuccess: (taskToken, output) => callEngine(id, 'sendTaskSuccess', [taskToken, output]),
      sendTaskFailure: (taskToken, failure) => callEngine(id, 'sendTaskFailure', [taskToken, failure]),
      sendTaskHeartbeat: (taskToken) => callEngine(id, 'sendTaskHeartbeat', [taskToken]),
    },
  };
}

// As the Node.js runtime calls a handler: a third parameter means the callback style.
function runHandler(handler, event, context) {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const callback = (error, result) => {
        if (error !== undefined && error !== null) reject(error);
        else resolve(result);
      };
      const returned = ${callHandler.name}(handler, undefined, event, context, callback);
      if (returned !== null && typeof returned === 'object' && typeof returned.then === 'function') returned.then(resolve, reject);
    });
  }
  return Promise.resolve(${callHandler.name}(handler, undefined, event, context));
}

async function invoke(message) {
  const { invocationId } = message;
  virtualNow = message.now;
  pendingInvocations.add(invocationId);
  watchForStalls();
  let outcome;
  try {
    const handler = await loading;
    const logScope = { invocationId, requestId: message.context.awsRequestId };
    const result = await invocationLog.run(logScope, () => runHandler(handler, message.event, contextOf(message)));
    try {
      outcome = { type: 'result', invocationId, text: JSON.stringify(result === undefined ? null : result) };
    } catch (error) {
      outcome = { type: 'result', invocationId, unserialisable: error instanceof Error ? error.message : String(error) };
    }
  } catch (error) {
    outcome = { type: 'result', invocationId, thrown: describeThrown(error) };
  }
  if (!pendingInvocations.delete(invocationId)) return;
  send(outcome);
}

function watchForStalls() {
  if (stallCheck !== undefined) return;
  stallCheck = setInterval(() => {
    if (pendingInvocations.size === 0) {
      clearInterval(stallCheck);
      stallCheck = undefined;
      return;
    }
    if (pendingCalls.size > 0 || outbox.length > 0) return;
    if (!process.getActiveResourcesInfo().every((resource) => resource === 'MessagePort')) return;
    const invocationIds = [...pendingInvocations];
    pendingInvocations.clear();
    send({ type: 'stalled', invocationIds });
  }, STALL_CHECK_MS);
  stallCheck.unref();
}

function receive(message) {
  if (message.type === 'invoke') {
    invoke(message);
    return;
  }
  const pending = pendingCalls.get(message.callId);
  if (pending === undefined) return;
  pendingCalls.delete(message.callId);
  virtualNow = message.now;
  if (message.ok) pending.resolve(undefined);
  else pending.reject(thrownFrom(message.error));
}

parentPort.on('message', (messages) => {
  for (const message of messages) receive(message);
});
`;
