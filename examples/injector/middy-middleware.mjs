// The same injector as a middy middleware. With @middy/core installed the handler is:
//
//   import middy from '@middy/core';
//   export const handler = middy(reserveStock).use(chaosMiddleware());
//
// Register it first, so an injected fault happens before any other middleware runs. This file keeps
// the two parts apart so that it runs without middy installed (test/injectors/examples.test.ts
// composes them the way middy does).
import { chaosMiddleware } from 'sfn-chaos';

export async function reserveStock(event) {
  return { sku: event.sku, reserved: true };
}

export const chaos = chaosMiddleware();
