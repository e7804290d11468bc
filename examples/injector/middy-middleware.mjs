// The same injector as a middy middleware. Register it first, so an injected fault happens before
// any other middleware runs.
import middy from '@middy/core';
import { chaosMiddleware } from 'sfn-chaos/injector';

export async function reserveStock(event) {
  return { sku: event.sku, reserved: true };
}

export const handler = middy(reserveStock).use(chaosMiddleware());
