import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  ChaosOptionsError,
  InjectedFaultError,
  InjectedThrottleError,
  InjectedTimeoutError,
  chaosMiddleware,
  getOriginalHandler,
  isChaosWrapped,
  withChaos,
} from '../../src/injectors/index.js';
import type { ChaosConfig, LambdaContextLike, WithChaosOptions } from '../../src/injectors/index.js';
import { callAsPromise, captureLog, fakeSleep, lambdaContext, runLikeMiddy, setChaosEnv } from './helpers.js';

type Invoke = (event: unknown, context: LambdaContextLike) => Promise<unknown>;
type Handler = (event: unknown, context: LambdaContextLike) => Promise<unknown>;

/**
 * The three ways to put the injector in front of a handler. Each builds an `invoke` from an async
 * handler body and the options, so every shared behaviour below is checked through all of them.
 */
const styles: [string, (handler: Handler, options: WithChaosOptions) => Invoke][] = [
  ['withChaos (async handler)', (handler, options) => withChaos(handler, options)],
  [
    'withChaos (callback handler)',
    (handler, options) => {
      const callbackHandler = (event: unknown, context: LambdaContextLike, callback: (error?: unknown, result?: unknown) => void): void => {
        handler(event, context).then(
          (result) => callback(null, result),
          (error: unknown) => callback(error),
        );
      };
      const wrapped = withChaos(callbackHandler, options);
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

function setup(config: WithChaosOptions['config'], extra: Omit<WithChaosOptions, 'config'> = {}) {
  const handler = jest.fn(async (event: unknown, _context: LambdaContextLike) => ({ handled: event }));
  const sleeper = fakeSleep();
  const output = captureLog();
  const options: WithChaosOptions = { sleep: sleeper.sleep, log: output.log, now: () => NOW, ...extra };
  if (config !== undefined) options.config = config;
  return { handler, sleeper, output, options };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the invocation to fail, but it succeeded');
}

beforeEach(() => {
  setChaosEnv('SFN_CHAOS_CONFIG', undefined);
  setChaosEnv('SFN_CHAOS_DISABLED', undefined);
});

describe.each(styles)('Function: %s', (_style, build) => {
  it('runs the handler untouched when no config is given', async () => {
    const { handler, options, output, sleeper } = setup(undefined);
    const context = lambdaContext();
    await expect(build(handler, options)({ roll: 3 }, context)).resolves.toEqual({ handled: { roll: 3 } });
    expect(handler).toHaveBeenCalledWith({ roll: 3 }, context);
    expect(output.lines).toEqual([]);
    expect(sleeper.calls).toEqual([]);
  });

  it.each(['function.DoublesRolledError', 'Lambda.TooManyRequestsException', 'HTTPError', 'States.Permissions', 'Error'])(
    'throws an error named exactly %s',
    async (errorName) => {
      const { handler, options } = setup({ faults: [{ kind: 'error', errorName, message: 'rolled doubles' }] });
      const error = await failure(build(handler, options)({}, lambdaContext()));
      expect(error).toBeInstanceOf(InjectedFaultError);
      expect(error.name).toBe(errorName);
      expect(error.message).toBe('rolled doubles');
      expect(String(error.stack).split('\n')[0]).toBe(`${errorName}: rolled doubles`);
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it('names the fault in the message when none is configured', async () => {
    const { handler, options } = setup({ faults: [{ id: 'dice', kind: 'error', errorName: 'DiceError' }] });
    const error = await failure(build(handler, options)({}, lambdaContext()));
    expect(error.message).toBe('Injected by sfn-chaos (fault "dice")');
  });

  it("throttles with Lambda's name and message", async () => {
    const { handler, options } = setup({ faults: [{ kind: 'throttle' }] });
    const error = await failure(build(handler, options)({}, lambdaContext()));
    expect(error).toBeInstanceOf(InjectedThrottleError);
    expect(error.name).toBe('Lambda.TooManyRequestsException');
    expect(error.message).toBe('Rate Exceeded.');
    expect(handler).not.toHaveBeenCalled();
  });

  it('hangs for the remaining time on a timeout fault, then ends as Sandbox.Timedout without calling the handler', async () => {
    const { handler, options, sleeper } = setup({ faults: [{ kind: 'timeout' }] });
    const error = await failure(build(handler, options)({}, lambdaContext(2750)));
    expect(sleeper.calls).toEqual([2750]);
    expect(error).toBeInstanceOf(InjectedTimeoutError);
    expect(error.name).toBe('Sandbox.Timedout');
    expect(error.message).toBe('RequestId: c6af9ac6-7b61-11e6-9a41-93e812345678 Error: Task timed out after 2.75 seconds');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['durationMs shorter than the time left', 1000, 2750, 1000],
    ['durationMs longer than the time left (capped)', 60_000, 2750, 2750],
  ])('hangs for %s', async (_case, durationMs, remainingMs, expectedMs) => {
    const { handler, options, sleeper } = setup({ faults: [{ kind: 'timeout', durationMs }] });
    await failure(build(handler, options)({}, lambdaContext(remainingMs)));
    expect(sleeper.calls).toEqual([expectedMs]);
  });

  it("hangs for Lambda's longest timeout when the context cannot tell the time left", async () => {
    const { handler, options, sleeper } = setup({ faults: [{ kind: 'timeout' }] });
    const { getRemainingTimeInMillis: _omitted, ...context } = lambdaContext();
    await failure(build(handler, options)({}, context));
    expect(sleeper.calls).toEqual([900_000]);
  });

  it('adds a fixed latency, then runs the handler normally', async () => {
    const { handler, options, sleeper } = setup({ faults: [{ kind: 'latency', latencyMs: 250 }] });
    await expect(build(handler, options)({ a: 1 }, lambdaContext())).resolves.toEqual({ handled: { a: 1 } });
    expect(sleeper.calls).toEqual([250]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('draws a latency range from the seed: whole ms inside [min, max], the same for the same seed', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const { handler, options, sleeper } = setup({ seed: 'latency', faults: [{ kind: 'latency', latencyMs: [100, 200] }] });
      const invoke = build(handler, options);
      for (let i = 0; i < 30; i++) await invoke({}, lambdaContext());
      runs.push(sleeper.calls);
    }
    const [first, second] = runs;
    expect(second).toEqual(first);
    for (const ms of first ?? []) {
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(100);
      expect(ms).toBeLessThanOrEqual(200);
    }
    expect(new Set(first).size).toBeGreaterThan(5);
  });

  it('lets a latency combine with the fault after it, but not with one before it', async () => {
    const slowThenFail = setup({
      faults: [
        { kind: 'latency', latencyMs: 400 },
        { kind: 'error', errorName: 'SlowFailure' },
      ],
    });
    const error = await failure(build(slowThenFail.handler, slowThenFail.options)({}, lambdaContext()));
    expect(error.name).toBe('SlowFailure');
    expect(slowThenFail.sleeper.calls).toEqual([400]);
    expect(slowThenFail.output.ledger().map((line) => line['kind'])).toEqual(['latency', 'error']);

    const failFirst = setup({
      faults: [{ kind: 'error', errorName: 'FastFailure' }, { kind: 'latency', latencyMs: 400 }, { kind: 'throttle' }],
    });
    expect((await failure(build(failFirst.handler, failFirst.options)({}, lambdaContext()))).name).toBe('FastFailure');
    expect(failFirst.sleeper.calls).toEqual([]);
    expect(failFirst.output.ledger()).toHaveLength(1);
  });

  it('fails attempts 1 and 2 and lets attempt 3 through (attempt from invocationInfo)', async () => {
    let retryCount = 0;
    const { handler, options } = setup(
      { faults: [{ kind: 'error', errorName: 'Lambda.ServiceException', attempts: [1, 2] }] },
      { invocationInfo: () => ({ retryCount }) },
    );
    const invoke = build(handler, options);
    const outcomes: string[] = [];
    for (retryCount = 0; retryCount < 3; retryCount++) {
      outcomes.push(
        await invoke({}, lambdaContext()).then(
          () => 'ok',
          (error: Error) => error.name,
        ),
      );
    }
    expect(outcomes).toEqual(['Lambda.ServiceException', 'Lambda.ServiceException', 'ok']);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('reads the attempt from the payload field RetryCount, and prefers invocationInfo over it', async () => {
    const { handler, options, output } = setup({ faults: [{ kind: 'error', errorName: 'SecondTry', attempts: [2] }] });
    const invoke = build(handler, options);
    await expect(invoke({ RetryCount: 0 }, lambdaContext())).resolves.toBeDefined();
    expect((await failure(invoke({ RetryCount: 1 }, lambdaContext()))).name).toBe('SecondTry');
    expect(output.ledger()[0]?.['attempt']).toBe(2);

    const preferInfo = setup(
      { faults: [{ kind: 'error', errorName: 'SecondTry', attempts: [2] }] },
      { invocationInfo: () => ({ retryCount: 0 }) },
    );
    await expect(build(preferInfo.handler, preferInfo.options)({ RetryCount: 1 }, lambdaContext())).resolves.toBeDefined();
  });

  it('does not fire an attempts fault without attempt information, and warns once how to pass it', async () => {
    const { handler, options, output } = setup({ faults: [{ kind: 'error', errorName: 'FirstTry', attempts: [1] }] });
    const invoke = build(handler, options);
    for (const event of [{}, { RetryCount: '0' }, { RetryCount: -1 }]) {
      await expect(invoke(event, lambdaContext())).resolves.toEqual({ handled: event });
    }
    expect(output.ledger()).toEqual([]);
    expect(output.warnings()).toHaveLength(1);
    expect(output.warnings()[0]).toMatchObject({ code: 'attempt-unknown', faultIds: ['error-0'], functionName: 'roll-dice' });
    expect(String(output.warnings()[0]?.['message'])).toContain('"RetryCount.$": "$$.State.RetryCount"');
  });

  it('repeats the same fire/skip sequence for the same seed', async () => {
    const sequenceFor = async (seed: string): Promise<string> => {
      const { handler, options } = setup({ seed, faults: [{ kind: 'error', errorName: 'Flaky', rate: 0.5 }] });
      const invoke = build(handler, options);
      let sequence = '';
      for (let i = 0; i < 40; i++)
        sequence += await invoke({}, lambdaContext()).then(
          () => '.',
          () => 'x',
        );
      return sequence;
    };
    const first = await sequenceFor('scenario-7');
    expect(await sequenceFor('scenario-7')).toBe(first);
    expect(await sequenceFor('scenario-8')).not.toBe(first);
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
  });

  it('injects nothing once expiresAt has passed', async () => {
    const faults: ChaosConfig['faults'] = [{ kind: 'error', errorName: 'Expired' }];
    const expired = setup({ faults, expiresAt: '2026-11-30T11:59:59Z' });
    await expect(build(expired.handler, expired.options)({}, lambdaContext())).resolves.toBeDefined();
    // Nothing injected, no ledger line; one warning says why (an expired config would otherwise look like a broken one).
    expect(expired.output.ledger()).toEqual([]);
    expect(expired.output.warnings()).toEqual([expect.objectContaining({ code: 'config-expired', expiresAt: '2026-11-30T11:59:59Z' })]);

    const live = setup({ faults, expiresAt: '2026-11-30T12:00:01Z' });
    expect((await failure(build(live.handler, live.options)({}, lambdaContext()))).name).toBe('Expired');
  });

  it('injects nothing while SFN_CHAOS_DISABLED is true', async () => {
    const { handler, options, output } = setup({ faults: [{ kind: 'throttle' }] });
    const invoke = build(handler, options);
    setChaosEnv('SFN_CHAOS_DISABLED', 'true');
    await expect(invoke({}, lambdaContext())).resolves.toBeDefined();
    expect(output.lines).toEqual([]);
    setChaosEnv('SFN_CHAOS_DISABLED', 'false');
    expect((await failure(invoke({}, lambdaContext()))).name).toBe('Lambda.TooManyRequestsException');
  });

  it('reads SFN_CHAOS_CONFIG when no config option is given or the config function returns undefined', async () => {
    setChaosEnv(
      'SFN_CHAOS_CONFIG',
      JSON.stringify({ expiresAt: '2026-12-01T00:00:00Z', faults: [{ kind: 'error', errorName: 'FromEnv' }] }),
    );
    const fromEnv = setup(undefined);
    expect((await failure(build(fromEnv.handler, fromEnv.options)({}, lambdaContext()))).name).toBe('FromEnv');
    const fallback = setup(() => undefined);
    expect((await failure(build(fallback.handler, fallback.options)({}, lambdaContext()))).name).toBe('FromEnv');
    const explicit = setup({ faults: [] });
    await expect(build(explicit.handler, explicit.options)({}, lambdaContext())).resolves.toBeDefined();
  });

  it.each([
    ['bad JSON in SFN_CHAOS_CONFIG', undefined, '{"faults": [', 'SFN_CHAOS_CONFIG'],
    ['faults not an array', { faults: { kind: 'error' } }, undefined, 'faults'],
    ['rate above 1', { faults: [{ kind: 'error', errorName: 'E', rate: 1.5 }] }, undefined, 'faults[0].rate'],
    ['unknown kind', { faults: [{ kind: 'explode' }] }, undefined, 'faults[0].kind'],
    ['unknown key', { faults: [{ kind: 'throttle', rat: 0.5 }] }, undefined, 'faults[0].rat'],
    ['rate out of range in SFN_CHAOS_CONFIG', undefined, '{"faults":[{"kind":"throttle","rate":-0.1}]}', 'faults[0].rate'],
  ])('fails open on a malformed config (%s): the handler runs and one warning is logged', async (_case, config, env, field) => {
    if (env !== undefined) setChaosEnv('SFN_CHAOS_CONFIG', env);
    const { handler, options, output } = setup(config as ChaosConfig | undefined);
    const invoke = build(handler, options);
    for (let i = 0; i < 3; i++) await expect(invoke({ i }, lambdaContext())).resolves.toEqual({ handled: { i } });
    expect(handler).toHaveBeenCalledTimes(3);
    expect(output.ledger()).toEqual([]);
    expect(output.warnings()).toHaveLength(1);
    expect(output.warnings()[0]).toMatchObject({ sfnChaos: 'warning', level: 'WARN', code: 'invalid-config', field });
  });

  it('passes errors thrown by the handler through unchanged', async () => {
    const own = new TypeError('handler bug');
    const { options } = setup({ faults: [{ kind: 'latency', latencyMs: 5 }] });
    const invoke = build(async () => {
      throw own;
    }, options);
    expect(await failure(invoke({}, lambdaContext()))).toBe(own);
  });

  it.each([
    [
      'invocationInfo throws',
      {
        invocationInfo: () => {
          throw new Error('no facts');
        },
      },
    ],
    ['sleep rejects', { sleep: () => Promise.reject(new Error('clock stopped')) }],
    ['now returns nonsense', { now: () => Number.NaN }],
  ] as [string, Omit<WithChaosOptions, 'config'>][])('keeps its own failures away from the result (%s)', async (_case, extra) => {
    const { handler, options, output } = setup(
      {
        faults: [
          { kind: 'latency', latencyMs: 5 },
          { kind: 'error', errorName: 'Never', attempts: [1] },
        ],
      },
      { invocationInfo: () => ({ retryCount: 0 }), ...extra },
    );
    await expect(build(handler, options)({ ok: 1 }, lambdaContext())).resolves.toEqual({ handled: { ok: 1 } });
    expect(output.warnings()).toEqual([expect.objectContaining({ code: 'injector-failed' })]);
  });

  it('still injects when the log function throws', async () => {
    const { handler, options } = setup(
      { faults: [{ kind: 'error', errorName: 'Logged' }] },
      {
        log: () => {
          throw new Error('log sink down');
        },
      },
    );
    expect((await failure(build(handler, options)({}, lambdaContext()))).name).toBe('Logged');
  });

  it('writes one ledger line per injected fault with the run, scenario and invocation facts', async () => {
    const { handler, options, output } = setup(
      {
        runId: 'run-42',
        scenarioId: 'doubles-are-retried',
        faults: [
          { id: 'slow', kind: 'latency', latencyMs: 120 },
          { id: 'dice', kind: 'error', errorName: 'function.DoublesRolledError', message: 'Rolled doubles', attempts: [2] },
        ],
      },
      {
        invocationInfo: () => ({
          retryCount: 1,
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:dice:run-42',
          stateName: 'Roll dice',
        }),
      },
    );
    await failure(build(handler, options)({}, lambdaContext()));
    const common = {
      sfnChaos: 'fault-injected',
      configSource: 'options',
      attempt: 2,
      runId: 'run-42',
      scenarioId: 'doubles-are-retried',
      functionName: 'roll-dice',
      awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:dice:run-42',
      stateName: 'Roll dice',
      timestamp: '2026-11-30T12:00:00.000Z',
    };
    expect(output.lines).toEqual([
      { ...common, faultId: 'slow', kind: 'latency', trigger: 'always', errorName: null, errorMessage: null, delayMs: 120 },
      {
        ...common,
        faultId: 'dice',
        kind: 'error',
        trigger: 'attempts',
        errorName: 'function.DoublesRolledError',
        errorMessage: 'Rolled doubles',
        delayMs: null,
      },
    ]);
  });

  it('fires a seeded rate of 0.3 within four standard deviations over many invocations', async () => {
    const invocations = 2000;
    const rate = 0.3;
    const { handler, options, output } = setup({ seed: 20261130, faults: [{ kind: 'throttle', rate }] });
    const invoke = build(handler, options);
    for (let i = 0; i < invocations; i++) await invoke({}, lambdaContext()).catch(() => undefined);
    const fired = output.ledger().length;
    const sd = Math.sqrt(invocations * rate * (1 - rate));
    expect(fired).toBeGreaterThanOrEqual(invocations * rate - 4 * sd);
    expect(fired).toBeLessThanOrEqual(invocations * rate + 4 * sd);
    expect(handler).toHaveBeenCalledTimes(invocations - fired);
  });
});

describe('Function: withChaos', () => {
  it('keeps the style of the handler it wraps', () => {
    const asyncWrapped = withChaos(async (_event: unknown, _context: unknown) => 1);
    const callbackWrapped = withChaos((_event: unknown, _context: unknown, _callback: unknown) => undefined);
    expect(asyncWrapped.length).toBe(2);
    expect(callbackWrapped.length).toBe(3);
  });

  it("hands the handler's own promise back when no fault fires", () => {
    const result = Promise.resolve('same');
    const wrapped = withChaos((_event: unknown, _context: unknown) => result, { config: { faults: [] } });
    expect(wrapped({}, lambdaContext())).toBe(result);
  });

  it("passes a callback handler's result and injected errors through the callback", async () => {
    const output = captureLog();
    const sleeper = fakeSleep();
    let fail = false;
    const wrapped = withChaos(
      (event: unknown, _context: LambdaContextLike, callback: (error?: unknown, result?: unknown) => void) =>
        callback(null, { echoed: event }),
      {
        config: () => (fail ? { faults: [{ kind: 'throttle' }] } : { faults: [{ kind: 'latency', latencyMs: 10 }] }),
        sleep: sleeper.sleep,
        log: output.log,
      },
    );
    await expect(callAsPromise(wrapped, { n: 1 }, lambdaContext())).resolves.toEqual({ echoed: { n: 1 } });
    fail = true;
    await expect(callAsPromise(wrapped, { n: 2 }, lambdaContext())).rejects.toMatchObject({ name: 'Lambda.TooManyRequestsException' });
    expect(sleeper.calls).toEqual([10]);
  });

  it('answers with the promise of an async handler that declares a callback it never calls', async () => {
    const asyncWithCallback = async (event: unknown, _context: LambdaContextLike, _callback: (error?: unknown) => void) => ({
      echoed: event,
    });
    const plain = withChaos(asyncWithCallback, { config: { faults: [] } });
    await expect(callAsPromise(plain, { n: 1 }, lambdaContext())).resolves.toEqual({ echoed: { n: 1 } });
    const slow = withChaos(asyncWithCallback, {
      config: { faults: [{ kind: 'latency', latencyMs: 5 }] },
      sleep: fakeSleep().sleep,
      log: () => undefined,
    });
    expect(slow.length).toBe(3);
    await expect(callAsPromise(slow, { n: 2 }, lambdaContext())).resolves.toEqual({ echoed: { n: 2 } });
  });

  it("reports a callback handler's synchronous throw through the callback after a latency", async () => {
    const own = new RangeError('sync throw');
    const wrapped = withChaos(
      (_event: unknown, _context: LambdaContextLike, _callback: (error?: unknown) => void): void => {
        throw own;
      },
      { config: { faults: [{ kind: 'latency', latencyMs: 1 }] }, sleep: fakeSleep().sleep, log: () => undefined },
    );
    await expect(callAsPromise(wrapped, {}, lambdaContext())).rejects.toBe(own);
  });

  it('records the original handler, and re-wrapping replaces the earlier wrapping', async () => {
    const original = async (_event: unknown, _context: LambdaContextLike) => 'original';
    const byUser = withChaos(original, { config: { faults: [{ kind: 'error', errorName: 'UserArmed' }] }, log: () => undefined });
    expect(getOriginalHandler(byUser)).toBe(original);
    expect(getOriginalHandler(original)).toBe(original);
    expect(isChaosWrapped(byUser)).toBe(true);
    expect(isChaosWrapped(original)).toBe(false);

    const output = captureLog();
    const rearmed = withChaos(byUser, {
      config: { faults: [{ kind: 'latency', latencyMs: 3 }] },
      sleep: fakeSleep().sleep,
      log: output.log,
    });
    expect(getOriginalHandler(rearmed)).toBe(original);
    await expect(rearmed({}, lambdaContext())).resolves.toBe('original');
    expect(output.ledger().map((line) => line['faultId'])).toEqual(['latency-0']);
  });

  it('rejects unknown or mistyped options when wrapping', () => {
    const handler = async () => 1;
    expect(() => withChaos(handler, { slep: async () => undefined } as unknown as WithChaosOptions)).toThrow(
      new ChaosOptionsError(
        'slep',
        'unknown option; did you mean "sleep"? (known: config, ssm, payloadOverride, sleep, now, invocationInfo, log)',
      ),
    );
    expect(() => withChaos(handler, { sleep: 5 } as unknown as WithChaosOptions)).toThrow('option "sleep": must be a function');
    expect(() => withChaos(handler, { config: 'faults.json' } as unknown as WithChaosOptions)).toThrow(ChaosOptionsError);
    expect(() => chaosMiddleware({ logger: console.log } as unknown as WithChaosOptions)).toThrow(ChaosOptionsError);
    expect(() => withChaos('handler' as never)).toThrow(ChaosOptionsError);
  });

  describe('default log', () => {
    afterEach(() => {
      jest.restoreAllMocks();
    });
    it('writes each line as one JSON line through console.log', async () => {
      const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const wrapped = withChaos(async (_event: unknown, _context: unknown) => 1, {
        config: { faults: [{ kind: 'error', errorName: 'Console' }] },
      });
      await expect(wrapped({}, lambdaContext())).rejects.toMatchObject({ name: 'Console' });
      expect(spy).toHaveBeenCalledTimes(1);
      const line = spy.mock.calls[0]?.[0];
      expect(typeof line).toBe('string');
      expect(JSON.parse(line as string)).toMatchObject({ sfnChaos: 'fault-injected', errorName: 'Console', attempt: null });
    });
  });
});
