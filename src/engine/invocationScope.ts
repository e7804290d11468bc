import { AsyncLocalStorage } from 'node:async_hooks';
import { TargetError } from '../errors.js';
import type { InvocationActivity } from './VirtualClock.js';

/** The invocation whose handler code is running, so that sleeps are charged to the right one. */
const currentInvocation = new AsyncLocalStorage<InvocationActivity>();

export function runInInvocation<T>(invocation: InvocationActivity, body: () => Promise<T>): Promise<T> {
  return currentInvocation.run(invocation, body);
}

/**
 * Sleeps on the virtual clock of the local invocation that calls it — for code (fault injectors,
 * helpers) that has no access to `context.sfnChaos.sleep`. Outside a local invocation it throws.
 *
 * @example
 * // inside a handler run by the local engine: 70 virtual seconds pass, a few real milliseconds do
 * await virtualSleep(70_000);
 */
export function virtualSleep(delayMs: number): Promise<void> {
  const invocation = currentInvocation.getStore();
  if (!invocation) {
    throw new TargetError('virtualSleep() was called outside a handler invoked by the local engine');
  }
  return invocation.sleep(delayMs);
}
