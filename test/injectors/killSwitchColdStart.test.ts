import { describe, expect, it } from '@jest/globals';
import { modulesOf, nodeLoadedModules } from '../support/loadedModules.js';

/**
 * A deployed function with the injector, in a fresh process (the built sfn-chaos-injector package; `npm run build`
 * first): the kill switch means no config is read or checked at all, and nothing loads Ajv or the AWS SDK unless
 * an SSM parameter is named.
 */
const invoke = `
const { withChaos } = await import('sfn-chaos-injector');
const handler = withChaos(async () => 'handler ran');
console.log(await handler({ orderId: 'order-1' }, { awsRequestId: 'r-1', functionName: 'charge-order', getRemainingTimeInMillis: () => 3000 }));`;
const failsEveryCall = JSON.stringify({
  expiresAt: '2099-01-01T00:00:00Z',
  faults: [{ kind: 'error', errorName: 'PaymentGatewayError', rate: 1 }],
});

describe('the injector at cold start', () => {
  it('with SFN_CHAOS_DISABLED=true reads no config: an armed one injects nothing, a broken one is not even checked', async () => {
    for (const config of [failsEveryCall, '{"faults":[{"kind":"nope"}]}']) {
      const run = await nodeLoadedModules(['--input-type=module', '-e', invoke], { SFN_CHAOS_DISABLED: 'true', SFN_CHAOS_CONFIG: config });
      expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: 'handler ran\n', stderr: '' });
      expect(modulesOf(run, 'ajv')).toEqual([]);
      expect(modulesOf(run, '@aws-sdk')).toEqual([]);
    }
  });

  it('without the kill switch checks the config with the validators compiled at build time, not with Ajv', async () => {
    const run = await nodeLoadedModules(['--input-type=module', '-e', invoke], { SFN_CHAOS_CONFIG: '{"faults":[{"kind":"nope"}]}' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"code":"invalid-config"');
    expect(run.stdout).toContain('handler ran');
    expect(modulesOf(run, 'ajv')).toEqual([]);
    expect(modulesOf(run, '@aws-sdk')).toEqual([]);
  });
});
