import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ChaosConfigError, SsmConfigSource } from '../../src/injectors/index.js';
import type { SsmReadFailure } from '../../src/injectors/index.js';
import { expectGetParameter, parameterResponse, useFakeAwsEnvironment } from './ssmNock.js';

const NAME = '/sfn-chaos/checkout';
const EXPIRES = '2026-12-01T00:00:00Z';
const armed = (errorName: string) => JSON.stringify({ expiresAt: EXPIRES, faults: [{ kind: 'error', errorName }] });

let restore: () => void;
beforeEach(() => {
  restore = useFakeAwsEnvironment();
});
afterEach(() => {
  restore();
});

function source(ttlMs = 30_000): SsmConfigSource {
  return new SsmConfigSource({ parameterName: NAME, ttlMs, readTimeoutMs: 2_000 });
}

function failures(): { onFailure: (failure: SsmReadFailure) => void; seen: SsmReadFailure[] } {
  const seen: SsmReadFailure[] = [];
  return { seen, onFailure: (failure) => seen.push(failure) };
}

describe('Class: SsmConfigSource', () => {
  it('reads the parameter through the SSM JSON protocol on first use and serves it from the cache within the TTL', async () => {
    const scope = expectGetParameter(NAME, 200, parameterResponse(NAME, armed('FromSsm')));
    const ssm = source();
    const { onFailure, seen } = failures();
    const first = ssm.current(1_000, onFailure);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ faults: [{ errorName: 'FromSsm' }] });
    scope.done();
    // Within the TTL: synchronous, and no second call (nock would refuse one: net connect is disabled).
    const cached = ssm.current(30_999, onFailure);
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toMatchObject({ faults: [{ errorName: 'FromSsm' }] });
    await ssm.whenIdle();
    expect(seen).toEqual([]);
  });

  it('shares one read between invocations that arrive before the first read has ended', async () => {
    const scope = expectGetParameter(NAME, 200, parameterResponse(NAME, armed('Once')));
    const ssm = source();
    const both = await Promise.all([ssm.current(0, () => undefined), ssm.current(1, () => undefined)]);
    expect(both.map((value) => (value as { faults: { errorName: string }[] }).faults[0]?.errorName)).toEqual(['Once', 'Once']);
    scope.done();
  });

  it('once the TTL has passed, the next invocation waits for a new read and uses its value, so no invocation runs on a value older than the TTL', async () => {
    expectGetParameter(NAME, 200, parameterResponse(NAME, armed('Old')));
    const ssm = source(10_000);
    await ssm.current(0, () => undefined);

    const refreshed = expectGetParameter(NAME, 200, parameterResponse(NAME, armed('New'), 2));
    const first = ssm.current(10_000, () => undefined);
    // A second invocation while the read is in flight starts no other read and gets the same value.
    const second = ssm.current(10_001, () => undefined);
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toMatchObject({ faults: [{ errorName: 'New' }] });
    await expect(second).resolves.toMatchObject({ faults: [{ errorName: 'New' }] });
    refreshed.done();
    // The TTL now counts from the new read: 19 999 ms later is still fresh, served at once (no call is mocked).
    expect(ssm.current(19_999, () => undefined)).toMatchObject({ faults: [{ errorName: 'New' }] });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads again when the clock is earlier than the last read, since that read cannot be shown to be fresh', async () => {
    expectGetParameter(NAME, 200, parameterResponse(NAME, armed('Old')));
    const ssm = source(10_000);
    await ssm.current(5_000, () => undefined);
    const again = expectGetParameter(NAME, 200, parameterResponse(NAME, armed('New'), 2));
    await expect(ssm.current(1_000, () => undefined)).resolves.toMatchObject({ faults: [{ errorName: 'New' }] });
    again.done();
  });

  it('fails open when SSM cannot be read: keeps the last good value, reports the failure, and retries only after the TTL', async () => {
    expectGetParameter(NAME, 200, parameterResponse(NAME, armed('LastGood')));
    const ssm = source(5_000);
    const { onFailure, seen } = failures();
    await ssm.current(0, onFailure);

    // Both attempts of the client (maxAttempts 2) fail with a throttle.
    const throttled = expectGetParameter(NAME, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, 2);
    ssm.current(5_000, onFailure);
    await ssm.whenIdle();
    throttled.done();
    expect(seen).toEqual([expect.objectContaining({ reason: 'unreadable', parameterName: NAME })]);
    expect((seen[0]?.error as Error | undefined)?.name).toBe('ThrottlingException');
    expect(ssm.current(9_999, onFailure)).toMatchObject({ faults: [{ errorName: 'LastGood' }] });
    await ssm.whenIdle();
    expect(seen).toHaveLength(1);
  });

  it('serves nothing when the very first read fails, and does not make the next invocation wait again', async () => {
    const down = expectGetParameter(NAME, 500, { __type: 'InternalServerError', message: 'boom' }, 2);
    const ssm = source();
    const { onFailure, seen } = failures();
    await expect(ssm.current(0, onFailure)).resolves.toBeUndefined();
    down.done();
    expect(seen.map((failure) => failure.reason)).toEqual(['unreadable']);
    expect(ssm.current(1, onFailure)).toBeUndefined();
  });

  it('treats a deleted parameter as disarmed', async () => {
    expectGetParameter(NAME, 200, parameterResponse(NAME, armed('Armed')));
    const ssm = source(1_000);
    const { onFailure, seen } = failures();
    await ssm.current(0, onFailure);
    expectGetParameter(NAME, 400, { __type: 'ParameterNotFound', message: '' });
    ssm.current(1_000, onFailure);
    await ssm.whenIdle();
    expect(ssm.current(1_001, onFailure)).toBeUndefined();
    expect(seen.map((failure) => failure.reason)).toEqual(['not-found']);
  });

  it('rejects a value without expiresAt, or that is not JSON, as an invalid config', async () => {
    expectGetParameter(NAME, 200, parameterResponse(NAME, JSON.stringify({ faults: [{ kind: 'throttle' }] })));
    const noExpiry = await source().current(0, () => undefined);
    expect(noExpiry).toBeInstanceOf(ChaosConfigError);
    expect(noExpiry).toMatchObject({ field: 'expiresAt' });

    expectGetParameter(NAME, 200, parameterResponse(NAME, '{"faults": ['));
    const notJson = await source().current(0, () => undefined);
    expect(notJson).toMatchObject({ field: `ssm:${NAME}` });
    expect((notJson as Error).message).toContain('is not valid JSON');
  });

  it('counts a read that takes longer than readTimeoutMs as failed', async () => {
    const slow = new SsmConfigSource({
      parameterName: NAME,
      ttlMs: 1_000,
      readTimeoutMs: 50,
      client: {
        send: (_command, options) =>
          new Promise((_resolve, reject) => {
            options?.abortSignal?.addEventListener('abort', () => reject(options.abortSignal?.reason as Error));
          }),
      },
    });
    const { onFailure, seen } = failures();
    await expect(slow.current(0, onFailure)).resolves.toBeUndefined();
    expect(seen).toEqual([expect.objectContaining({ reason: 'unreadable' })]);
    expect((seen[0]?.error as Error | undefined)?.name).toBe('TimeoutError');
  });
});
