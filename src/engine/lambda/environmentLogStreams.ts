import { isoTimestamp } from '../../isoTimestamp.js';
import { randomHex } from '../runtime/randomHex.js';

/**
 * The log stream of one of a function's execution environments. Lambda gives every environment a log stream
 * of its own, named when the environment is created (`YYYY/MM/DD/[version]<environment id>`), and the
 * environment writes to it for its whole life: warm invocations share it, and concurrent invocations (each in an
 * environment of its own) and the environment made after a reset each get a new one (Lambda operator guide,
 * "How CloudWatch structures logs").
 *
 * The name is made on its first read: few handlers look at it, and making it costs more than the rest of the
 * context.
 *
 * @example
 * const stream = new EnvironmentLogStream(Date.UTC(2025, 0, 1));
 * stream.name; // '2025/01/01/[$LATEST]' and 32 hex digits
 */
export class EnvironmentLogStream {
  /** Virtual time the environment was created: its first invocation's start. */
  readonly createdAt: number;
  #name: string | undefined;

  constructor(createdAt: number) {
    this.createdAt = createdAt;
  }

  get name(): string {
    this.#name ??= `${dayPrefixOf(this.createdAt)}${randomHex(32)}`;
    return this.#name;
  }
}

/** The UTC day (`2025/01/01/[$LATEST]`) a log stream name starts with, remembered for the last day asked for: most of a run's streams share one. */
let prefixDay = Number.NaN;
let prefix = '';

function dayPrefixOf(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  if (day !== prefixDay) {
    prefix = `${isoTimestamp(ms).slice(0, 10).replaceAll('-', '/')}/[$LATEST]`;
    prefixDay = day;
  }
  return prefix;
}

/** Each function's environments with no invocation in hand, by function: the warm ones the next invocations use. */
const idleStreams = new WeakMap<object, EnvironmentLogStream[]>();

/**
 * The log stream of the environment an invocation starting at `now` runs in, among the environments of
 * `environmentKey` (a function's `environmentKey`, or the function itself): the most recently freed warm
 * environment's, or, when every one is busy (or none exists yet), a new environment's.
 *
 * @example
 * const stream = takeLogStream(fn.environmentKey ?? fn, clock.now());
 * // … the invocation runs …
 * releaseLogStream(fn.environmentKey ?? fn, stream); // the environment is warm for the next invocation
 */
export function takeLogStream(environmentKey: object, now: number): EnvironmentLogStream {
  return idleStreams.get(environmentKey)?.pop() ?? new EnvironmentLogStream(now);
}

/**
 * The invocation using `stream` ended and its environment takes the next one. An environment that was reset
 * (the function's timeout stopped the handler) is not released: its stream ends with it.
 *
 * @example
 * releaseLogStream(fn.environmentKey ?? fn, stream);
 */
export function releaseLogStream(environmentKey: object, stream: EnvironmentLogStream): void {
  let idle = idleStreams.get(environmentKey);
  if (idle === undefined) {
    idle = [];
    idleStreams.set(environmentKey, idle);
  }
  idle.push(stream);
}
