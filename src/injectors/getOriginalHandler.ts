/**
 * Where a wrapped handler keeps the handler it wraps. A registered symbol (`Symbol.for`) rather than a
 * private one, so a handler wrapped by one copy of sfn-chaos (say, bundled with the function) is still
 * recognised by another (the CLI running it locally).
 */
export const ORIGINAL_HANDLER: unique symbol = Symbol.for('sfn-chaos.originalHandler');

type Wrapped = { [ORIGINAL_HANDLER]?: unknown };

/**
 * The handler as it was before `withChaos` wrapped it, however many times; a handler that was never
 * wrapped is returned as is. Lets a caller re-wrap with its own options without injecting twice.
 *
 * @example
 * ```ts
 * import { handler } from './app.js'; // exported as withChaos(rawHandler)
 * const rearmed = withChaos(getOriginalHandler(handler), { config: scenarioConfig });
 * ```
 */
export function getOriginalHandler<THandler extends (...args: never[]) => unknown>(handler: THandler): THandler {
  let current: unknown = handler;
  // Bounded, in case someone points a chain back at itself.
  for (let depth = 0; depth < 100; depth++) {
    const inner = typeof current === 'function' ? (current as Wrapped)[ORIGINAL_HANDLER] : undefined;
    if (typeof inner !== 'function') break;
    current = inner;
  }
  return current as THandler;
}

/**
 * Whether `handler` was produced by `withChaos`.
 *
 * @example
 * ```ts
 * if (isChaosWrapped(handler)) console.log('this handler can inject faults');
 * ```
 */
export function isChaosWrapped(handler: unknown): boolean {
  return typeof handler === 'function' && typeof (handler as Wrapped)[ORIGINAL_HANDLER] === 'function';
}

/** Records `original` on `wrapped`, hidden from enumeration and fixed. */
export function markWrapped(wrapped: (...args: never[]) => unknown, original: (...args: never[]) => unknown): void {
  Object.defineProperty(wrapped, ORIGINAL_HANDLER, { value: original, enumerable: false, writable: false, configurable: false });
}
