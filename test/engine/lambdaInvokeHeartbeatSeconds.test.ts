import { describe, expect, it } from '@jest/globals';
import { eventsOfType, localFunction, run, singleInvokeTask } from './helpers.js';

/** AWS accepts HeartbeatSeconds on a plain lambda:invoke Task and records it on TaskScheduled. */
describe('HeartbeatSeconds on a plain lambda:invoke task', () => {
  it('is accepted and shown as heartbeatInSeconds on TaskScheduled', async () => {
    const result = await run(singleInvokeTask('f', { HeartbeatSeconds: 30, TimeoutSeconds: 60 }), [
      localFunction('f', () => ({ ok: true })),
    ]);
    expect(result.status).toBe('SUCCEEDED');
    const details = eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails;
    expect(details?.heartbeatInSeconds).toBe(30);
    expect(details?.timeoutInSeconds).toBe(60);
  });
});
