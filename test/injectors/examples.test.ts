import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LambdaContextLike } from '../../src/injectors/index.js';
import { callAsPromise, lambdaContext, setChaosEnv } from './helpers.js';

type AsyncHandler = (event: unknown, context: LambdaContextLike) => Promise<unknown>;
type CallbackHandler = (event: unknown, context: LambdaContextLike, callback: (error?: unknown, result?: unknown) => void) => unknown;

// The examples are plain .mjs files that import 'sfn-chaos' itself, which resolves to the built
// package (dist/): `npm test` builds first. Imported through a variable so the type-check leaves them alone.
const EXAMPLES = '../../examples/injector/';
let chargeOrder: AsyncHandler;
let harnessInput: (orderId: string) => Record<string, unknown>;
let shipOrder: CallbackHandler;
let reserveStockWithMiddy: AsyncHandler;
// The examples run on the built copy of the injector, which keeps its own environment snapshot.
let refreshBuilt: () => void;
const refreshDist = (): void => refreshBuilt();
beforeAll(async () => {
  ({ refreshChaosEnvironment: refreshBuilt } = (await import('../../dist/injectors/index.js' as string)) as {
    refreshChaosEnvironment: () => void;
  });
  ({ handler: chargeOrder } = (await import(`${EXAMPLES}charge-order.mjs`)) as { handler: AsyncHandler });
  ({ harnessInput } = (await import(`${EXAMPLES}harness-input.mjs`)) as { harnessInput: typeof harnessInput });
  ({ handler: shipOrder } = (await import(`${EXAMPLES}legacy-callback.mjs`)) as { handler: CallbackHandler });
  ({ handler: reserveStockWithMiddy } = (await import(`${EXAMPLES}middy-middleware.mjs`)) as { handler: AsyncHandler });
});

const EXPIRES_SOON = () => new Date(Date.now() + 60_000).toISOString();

let logged: string[];
beforeEach(() => {
  setChaosEnv('SFN_CHAOS_CONFIG', undefined, refreshDist);
  setChaosEnv('SFN_CHAOS_DISABLED', undefined, refreshDist);
  setChaosEnv('SFN_CHAOS_SSM_PARAMETER', undefined, refreshDist);
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (result) => ({ result }),
    (error: unknown) => ({ error: (error as Error).name }),
  );
}

describe('Examples: examples/injector', () => {
  it('charge-order: untouched with nothing armed, failing with the name armed in SFN_CHAOS_CONFIG', async () => {
    await expect(chargeOrder({ orderId: 'o-1', amount: 42 }, lambdaContext())).resolves.toEqual({ orderId: 'o-1', charged: 42 });
    setChaosEnv(
      'SFN_CHAOS_CONFIG',
      JSON.stringify({ expiresAt: EXPIRES_SOON(), faults: [{ kind: 'error', errorName: 'Lambda.ServiceException', attempts: [1] }] }),
      refreshDist,
    );
    expect(await outcome(chargeOrder({ orderId: 'o-1', amount: 42, RetryCount: 0 }, lambdaContext()))).toEqual({
      error: 'Lambda.ServiceException',
    });
    expect(await outcome(chargeOrder({ orderId: 'o-1', amount: 42, RetryCount: 1 }, lambdaContext()))).toEqual({
      result: { orderId: 'o-1', charged: 42 },
    });
    expect(logged.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ sfnChaos: 'fault-injected', configSource: 'env', attempt: 1, errorName: 'Lambda.ServiceException' }),
    ]);
  });

  it('harness-input: the payload override fails attempts 1 and 2, throttles attempt 3, only for its own order', async () => {
    const input = harnessInput('order-1001');
    const attempts = [];
    for (const RetryCount of [0, 1, 2, 3]) attempts.push(await outcome(chargeOrder({ ...input, RetryCount }, lambdaContext())));
    expect(attempts).toEqual([
      { error: 'PaymentGatewayError' },
      { error: 'PaymentGatewayError' },
      { error: 'Lambda.TooManyRequestsException' },
      { result: { orderId: 'order-1001', charged: 42 } },
    ]);
    // The same override carried by another order's payload (say, copied by mistake) matches nothing.
    expect(await outcome(chargeOrder({ ...input, orderId: 'order-2002', RetryCount: 0 }, lambdaContext()))).toEqual({
      result: { orderId: 'order-2002', charged: 42 },
    });
    expect(logged.map((line) => (JSON.parse(line) as Record<string, unknown>)['faultId'])).toEqual([
      'gateway-down',
      'gateway-down',
      'throttled',
    ]);
  });

  it('legacy-callback: answers through the callback, with or without a fault', async () => {
    await expect(callAsPromise(shipOrder, { orderId: 'o-1' }, lambdaContext())).resolves.toEqual({ orderId: 'o-1', shipped: true });
    setChaosEnv('SFN_CHAOS_CONFIG', JSON.stringify({ expiresAt: EXPIRES_SOON(), faults: [{ kind: 'throttle' }] }), refreshDist);
    await expect(callAsPromise(shipOrder, { orderId: 'o-1' }, lambdaContext())).rejects.toMatchObject({
      name: 'Lambda.TooManyRequestsException',
      message: 'Rate Exceeded.',
    });
  });

  it('middy-middleware: under real middy, the middleware injects before the handler runs', async () => {
    await expect(reserveStockWithMiddy({ sku: 'A-1' }, lambdaContext())).resolves.toEqual({ sku: 'A-1', reserved: true });
    setChaosEnv(
      'SFN_CHAOS_CONFIG',
      JSON.stringify({
        expiresAt: EXPIRES_SOON(),
        faults: [{ kind: 'error', errorName: 'StockServiceError', match: { '$.sku': { prefix: 'A-' } } }],
      }),
      refreshDist,
    );
    expect(await outcome(reserveStockWithMiddy({ sku: 'A-1' }, lambdaContext()))).toEqual({ error: 'StockServiceError' });
    expect(await outcome(reserveStockWithMiddy({ sku: 'B-1' }, lambdaContext()))).toEqual({ result: { sku: 'B-1', reserved: true } });
  });
});
