import { ChaosInjector } from './ChaosInjector.js';
import type { LambdaContextLike, WithChaosOptions } from './types.js';

/**
 * The part of a middy request the middleware uses. Typed by shape so that `@middy/core` stays an
 * optional peer: middy's own `Request` fits it.
 */
export interface ChaosMiddlewareRequest {
  event: unknown;
  context: object;
  response?: unknown;
  error?: unknown;
}

/** A middy middleware object (`{ before, after?, onError? }`); this one only needs `before`. */
export interface ChaosMiddleware {
  before: (request: ChaosMiddlewareRequest) => Promise<void>;
}

/**
 * The same injector as `withChaos`, as a middy middleware: faults are decided and applied in
 * `before`, so an injected error (or a timeout's hang) happens before the handler and before the
 * `before` of middlewares registered later. Register it first so that nothing runs ahead of a fault.
 * Options and behaviour are those of `withChaos`.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { chaosMiddleware } from 'sfn-chaos';
 *
 * export const handler = middy(rawHandler).use(chaosMiddleware());
 * ```
 */
export function chaosMiddleware(options: WithChaosOptions = {}): ChaosMiddleware {
  const injector = new ChaosInjector(options);
  const chaosMiddlewareBefore = async (request: ChaosMiddlewareRequest): Promise<void> => {
    const plan = await injector.plan(request.event, request.context as LambdaContextLike);
    if (plan === undefined) return;
    const injected = await injector.apply(plan);
    if (injected) throw injected;
  };
  return { before: chaosMiddlewareBefore };
}
