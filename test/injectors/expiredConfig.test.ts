import { afterEach, describe, expect, it } from '@jest/globals';
import { withChaos } from '../../src/injectors/index.js';
import { captureLog, lambdaContext, setChaosEnv } from './helpers.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const PAST = '2026-11-30T11:00:00Z';
const armedUntil = (expiresAt: string): string => JSON.stringify({ expiresAt, faults: [{ kind: 'error', errorName: 'HTTPError' }] });

afterEach(() => setChaosEnv('SFN_CHAOS_CONFIG', undefined));

describe('Function: withChaos with an expired config', () => {
  it('runs the handler and writes one warning per cold start naming the source and the expiry', async () => {
    setChaosEnv('SFN_CHAOS_CONFIG', armedUntil(PAST));
    const output = captureLog();
    const handler = withChaos(async (_event: unknown, _context: unknown) => 'handled', { now: () => NOW, log: output.log });
    for (let i = 0; i < 3; i++) await expect(handler({}, lambdaContext())).resolves.toBe('handled');
    expect(output.ledger()).toEqual([]);
    expect(output.warnings()).toEqual([
      expect.objectContaining({
        code: 'config-expired',
        source: 'env',
        expiresAt: PAST,
        message: `the fault config from SFN_CHAOS_CONFIG expired at ${PAST}, nothing is injected; give it a later expiresAt to arm it again`,
      }),
    ]);

    // A new execution environment wraps the handler again: its first invocation warns again.
    const coldStart = captureLog();
    const again = withChaos(async (_event: unknown, _context: unknown) => 'handled', { now: () => NOW, log: coldStart.log });
    await again({}, lambdaContext());
    expect(coldStart.warnings()).toHaveLength(1);
  });

  it('says nothing while the config is in force, and injects', async () => {
    setChaosEnv('SFN_CHAOS_CONFIG', armedUntil('2026-11-30T13:00:00Z'));
    const output = captureLog();
    const handler = withChaos(async (_event: unknown, _context: unknown) => 'handled', { now: () => NOW, log: output.log });
    await expect(handler({}, lambdaContext())).rejects.toMatchObject({ name: 'HTTPError' });
    expect(output.warnings()).toEqual([]);
  });

  it('warns for an expired config given in code too', async () => {
    const output = captureLog();
    const handler = withChaos(async (_event: unknown, _context: unknown) => 'handled', {
      now: () => NOW,
      log: output.log,
      config: { expiresAt: PAST, faults: [{ kind: 'throttle' }] },
    });
    await handler({}, lambdaContext());
    expect(output.warnings()).toEqual([expect.objectContaining({ code: 'config-expired', source: 'options' })]);
  });
});
