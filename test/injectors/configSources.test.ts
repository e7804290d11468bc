import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { chaosMiddleware, withChaos } from '../../src/injectors/index.js';
import type { ChaosConfig, LambdaContextLike, WithChaosOptions } from '../../src/injectors/index.js';
import { callAsPromise, captureLog, fakeSleep, lambdaContext, runLikeMiddy, setChaosEnv } from './helpers.js';
import { expectGetParameter, parameterResponse, useFakeAwsEnvironment } from './ssmNock.js';

type Invoke = (event: unknown, context: LambdaContextLike) => Promise<unknown>;
type Handler = (event: unknown, context: LambdaContextLike) => Promise<unknown>;

const styles: [string, (handler: Handler, options: WithChaosOptions) => Invoke][] = [
  ['withChaos (async handler)', (handler, options) => withChaos(handler, options)],
  [
    'withChaos (callback handler)',
    (handler, options) => {
      const wrapped = withChaos(
        (event: unknown, context: LambdaContextLike, callback: (error?: unknown, result?: unknown) => void): void => {
          handler(event, context).then(
            (result) => callback(null, result),
            (error: unknown) => callback(error),
          );
        },
        options,
      );
      return (event, context) => callAsPromise(wrapped, event, context);
    },
  ],
  [
    'chaosMiddleware',
    (handler, options) => {
      const middleware = chaosMiddleware(options);
      return (event, context) => runLikeMiddy(middleware, handler, event, context);
    },
  ],
];

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const EXPIRES = '2026-12-01T00:00:00Z';
const PARAMETER = '/sfn-chaos/charge';

const failingWith = (errorName: string, extra: Partial<ChaosConfig> = {}): ChaosConfig => ({
  expiresAt: EXPIRES,
  faults: [{ kind: 'error', errorName }],
  ...extra,
});

let restore: () => void;
beforeEach(() => {
  restore = useFakeAwsEnvironment();
  setChaosEnv('SFN_CHAOS_CONFIG', undefined);
  setChaosEnv('SFN_CHAOS_DISABLED', undefined);
  setChaosEnv('SFN_CHAOS_SSM_PARAMETER', undefined);
  setChaosEnv('SFN_CHAOS_SSM_TTL_SECONDS', undefined);
});
afterEach(() => {
  restore();
});

function setup(extra: WithChaosOptions = {}) {
  const handler = jest.fn(async (event: unknown, _context: LambdaContextLike) => ({ handled: true, event }));
  const output = captureLog();
  let clock = NOW;
  const options: WithChaosOptions = { sleep: fakeSleep().sleep, log: output.log, now: () => clock, ...extra };
  return { handler, output, options, advance: (ms: number) => (clock += ms) };
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'handled';
  } catch (error) {
    return (error as Error).name;
  }
}

describe.each(styles)('Config sources: %s', (_style, build) => {
  it('takes the first source that has a config: payload, then options, then SSM, then SFN_CHAOS_CONFIG', async () => {
    setChaosEnv('SFN_CHAOS_CONFIG', JSON.stringify(failingWith('FromEnv')));
    setChaosEnv('SFN_CHAOS_SSM_PARAMETER', PARAMETER);
    const ssm = expectGetParameter(PARAMETER, 200, parameterResponse(PARAMETER, JSON.stringify(failingWith('FromSsm'))));
    let optionConfig: ChaosConfig | undefined = failingWith('FromOptions');
    const { handler, output, options } = setup({ config: () => optionConfig });
    const invoke = build(handler, options);
    const override = { orderId: 'o-1', sfnChaos: failingWith('FromPayload') };

    expect(await outcome(invoke(override, lambdaContext()))).toBe('FromPayload');
    expect(await outcome(invoke({ orderId: 'o-1' }, lambdaContext()))).toBe('FromOptions');
    optionConfig = undefined;
    expect(await outcome(invoke({ orderId: 'o-1' }, lambdaContext()))).toBe('FromSsm');
    ssm.done();
    setChaosEnv('SFN_CHAOS_SSM_PARAMETER', undefined);
    expect(await outcome(invoke({ orderId: 'o-1' }, lambdaContext()))).toBe('FromEnv');
    expect(output.ledger().map((line) => line['configSource'])).toEqual(['payload', 'options', 'ssm', 'env']);
    expect(output.warnings()).toEqual([]);
  });

  it('waits for the first SSM read, serves the cached value within the TTL, and waits for a new read once the TTL has passed', async () => {
    expectGetParameter(PARAMETER, 200, parameterResponse(PARAMETER, JSON.stringify(failingWith('First'))));
    const { handler, output, options, advance } = setup({ ssm: { parameterName: PARAMETER, ttlMs: 60_000 } });
    const invoke = build(handler, options);
    expect(await outcome(invoke({}, lambdaContext()))).toBe('First');
    advance(59_999);
    expect(await outcome(invoke({}, lambdaContext()))).toBe('First');

    const refresh = expectGetParameter(PARAMETER, 200, parameterResponse(PARAMETER, JSON.stringify({ faults: [] }), 2));
    advance(1);
    // Past the TTL, this very invocation reads the parameter again and sees it disarmed: a runner that
    // disarmed it can rely on that once the TTL has passed.
    expect(await outcome(invoke({}, lambdaContext()))).toBe('handled');
    refresh.done();
    expect(output.warnings()).toEqual([]);
  });

  it('fails open with one warning when SSM cannot be read, and runs the handler untouched', async () => {
    expectGetParameter(PARAMETER, 400, { __type: 'AccessDeniedException', message: 'not authorized to perform ssm:GetParameter' }, 2);
    const { handler, output, options, advance } = setup({ ssm: { parameterName: PARAMETER, ttlMs: 1_000 } });
    const invoke = build(handler, options);
    expect(await outcome(invoke({ n: 1 }, lambdaContext()))).toBe('handled');
    expectGetParameter(PARAMETER, 400, { __type: 'AccessDeniedException', message: 'still not authorized' }, 2);
    advance(1_000);
    expect(await outcome(invoke({ n: 2 }, lambdaContext()))).toBe('handled');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await outcome(invoke({ n: 3 }, lambdaContext()))).toBe('handled');
    expect(handler).toHaveBeenCalledTimes(3);
    expect(output.warnings()).toEqual([
      expect.objectContaining({ code: 'config-unreadable', parameterName: PARAMETER, functionName: 'roll-dice' }),
    ]);
    expect(String(output.warnings()[0]?.['message'])).toContain('AccessDeniedException');
  });

  it.each([
    [
      'SSM',
      (config: unknown) => {
        setChaosEnv('SFN_CHAOS_SSM_PARAMETER', PARAMETER);
        expectGetParameter(PARAMETER, 200, parameterResponse(PARAMETER, JSON.stringify(config)));
        return {};
      },
    ],
    [
      'SFN_CHAOS_CONFIG',
      (config: unknown) => {
        setChaosEnv('SFN_CHAOS_CONFIG', JSON.stringify(config));
        return {};
      },
    ],
    ['the payload', (config: unknown) => ({ sfnChaos: config })],
  ])('rejects an armed config without expiresAt from %s, with one warning naming the field', async (_source, arm) => {
    const event = arm({ faults: [{ kind: 'throttle' }] });
    const { handler, output, options } = setup();
    const invoke = build(handler, options);
    expect(await outcome(invoke(event, lambdaContext()))).toBe('handled');
    expect(await outcome(invoke(event, lambdaContext()))).toBe('handled');
    expect(output.warnings()).toEqual([expect.objectContaining({ code: 'invalid-config', field: 'expiresAt' })]);
  });

  it('accepts a config without expiresAt from code, where the config lives and dies with the deployment', async () => {
    const { handler, options } = setup({ config: { faults: [{ kind: 'throttle' }] } });
    expect(await outcome(build(handler, options)({}, lambdaContext()))).toBe('Lambda.TooManyRequestsException');
  });

  it('ignores an expired payload override, and a broken one does not fall through to a broader source', async () => {
    setChaosEnv('SFN_CHAOS_CONFIG', JSON.stringify(failingWith('FunctionWide')));
    const { handler, output, options } = setup();
    const invoke = build(handler, options);
    expect(await outcome(invoke({ sfnChaos: failingWith('Late', { expiresAt: '2026-11-30T11:59:59Z' }) }, lambdaContext()))).toBe(
      'handled',
    );
    expect(await outcome(invoke({ sfnChaos: { faults: 'none' } }, lambdaContext()))).toBe('handled');
    expect(output.warnings()).toEqual([
      expect.objectContaining({ code: 'config-expired', source: 'payload', expiresAt: '2026-11-30T11:59:59Z' }),
      expect.objectContaining({ code: 'invalid-config', source: 'payload.sfnChaos', field: 'faults' }),
    ]);
  });

  it('does not read the payload when payloadOverride is false', async () => {
    const { handler, options } = setup({ payloadOverride: false });
    expect(await outcome(build(handler, options)({ sfnChaos: failingWith('Ignored') }, lambdaContext()))).toBe('handled');
  });

  it('scopes a fault to the payloads its match rules select', async () => {
    const { handler, output, options } = setup({
      config: {
        faults: [
          {
            id: 'only-test-orders',
            kind: 'error',
            errorName: 'PaymentDeclined',
            match: { '$.orderId': { prefix: 'test-' }, '$.amount': 100 },
          },
          { id: 'vip', kind: 'throttle', match: { '$.customer.tier': { anyOf: ['gold', 'platinum'] } } },
        ],
      },
    });
    const invoke = build(handler, options);
    expect(await outcome(invoke({ orderId: 'test-1', amount: 100 }, lambdaContext()))).toBe('PaymentDeclined');
    expect(await outcome(invoke({ orderId: 'test-1', amount: '100' }, lambdaContext()))).toBe('handled');
    expect(await outcome(invoke({ orderId: 'live-1', amount: 100 }, lambdaContext()))).toBe('handled');
    expect(await outcome(invoke({ orderId: 'live-1', customer: { tier: 'gold' } }, lambdaContext()))).toBe(
      'Lambda.TooManyRequestsException',
    );
    expect(await outcome(invoke('not an object', lambdaContext()))).toBe('handled');
    expect(output.ledger().map((line) => line['faultId'])).toEqual(['only-test-orders', 'vip']);
  });

  it('does not warn about a missing RetryCount for an attempts fault whose match rules leave it out', async () => {
    const { handler, output, options } = setup({
      config: { faults: [{ kind: 'error', errorName: 'Flaky', attempts: [1], match: { '$.orderId': 'o-7' } }] },
    });
    const invoke = build(handler, options);
    expect(await outcome(invoke({ orderId: 'o-8' }, lambdaContext()))).toBe('handled');
    expect(output.warnings()).toEqual([]);
    expect(await outcome(invoke({ orderId: 'o-7' }, lambdaContext()))).toBe('handled');
    expect(output.warnings()).toEqual([expect.objectContaining({ code: 'attempt-unknown', faultIds: ['error-0'] })]);
    expect(await outcome(invoke({ orderId: 'o-7', RetryCount: 0 }, lambdaContext()))).toBe('Flaky');
  });

  it('sets the cause fields on the injected error', async () => {
    const { handler, options } = setup({
      config: {
        faults: [
          { kind: 'error', errorName: 'HTTPError', message: 'Service Unavailable', cause: { statusCode: 503, retryAfterSeconds: 2 } },
        ],
      },
    });
    const error = await build(handler, options)({}, lambdaContext()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'HTTPError', message: 'Service Unavailable', statusCode: 503, retryAfterSeconds: 2 });
  });
});
