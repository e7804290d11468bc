import { isoTimestamp } from '../../isoTimestamp.js';
import { randomHex } from './randomHex.js';
import type { LocalFunction } from '../api/types.js';

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

/**
 * The environments of a run's functions with no invocation in hand: the warm ones the next invocations take.
 * A function without an `environmentKey` has them by its ARN, in the run's pool, which goes with the run (a
 * function resolver may make a new function object for every call, and functions made for one run are young
 * objects, which a long-lived WeakMap should not have as keys: they cost V8's young-generation collections).
 * One with an `environmentKey` (the local target's, one per function of the scenario file) has them by that
 * key, in a pool shared by every run, so that its environments stay warm from one run to the next.
 *
 * @example
 * const environments = new EnvironmentPool();
 * const stream = environments.take(fn, clock.now());
 * // … the invocation runs …
 * environments.release(fn, stream); // the environment is warm for the next invocation
 */
export class EnvironmentPool {
  readonly #idle = new Map<string, EnvironmentLogStream[]>();

  /**
   * The log stream of the environment an invocation of `fn` starting at `now` runs in: the most recently freed
   * warm environment's, or, when every one is busy (or none exists yet), a new environment's.
   */
  take(fn: LocalFunction, now: number): EnvironmentLogStream {
    return this.#idleOf(fn, false)?.pop() ?? new EnvironmentLogStream(now);
  }

  /**
   * The invocation using `stream` ended and its environment takes the next one. An environment that was reset
   * (the function's timeout stopped the handler) is not released: its stream ends with it.
   */
  release(fn: LocalFunction, stream: EnvironmentLogStream): void {
    this.#idleOf(fn, true).push(stream);
  }

  #idleOf(fn: LocalFunction, create: true): EnvironmentLogStream[];
  #idleOf(fn: LocalFunction, create: false): EnvironmentLogStream[] | undefined;
  #idleOf(fn: LocalFunction, create: boolean): EnvironmentLogStream[] | undefined {
    const key = fn.environmentKey;
    let idle = key === undefined ? this.#idle.get(fn.arn) : sharedIdle.get(key);
    if (idle === undefined && create) {
      idle = [];
      if (key === undefined) this.#idle.set(fn.arn, idle);
      else sharedIdle.set(key, idle);
    }
    return idle;
  }
}

/** The idle environments of functions with an `environmentKey`, by key, for every run. */
const sharedIdle = new WeakMap<object, EnvironmentLogStream[]>();
