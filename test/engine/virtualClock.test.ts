import { describe, expect, it } from '@jest/globals';
import { VirtualClock } from '../../src/engine/index.js';

describe('VirtualClock', () => {
  it('jumps straight to due timers, in time order and creation order for ties', async () => {
    const clock = new VirtualClock(1_000);
    const fired: string[] = [];
    clock.schedule(500, () => fired.push('b'));
    clock.schedule(100, () => fired.push('a'));
    clock.schedule(500, () => fired.push('c'));
    await clock.sleep(600);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(1_600);
  });

  it('does not fire cancelled timers', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.schedule(10, () => (fired = true)).cancel();
    await clock.sleep(20);
    expect(fired).toBe(false);
  });

  it('keeps time and creation order when timers are cancelled at the end of the queue and others come after', async () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.schedule(500, () => fired.push('a'));
    clock.schedule(500, () => fired.push('cancelled 1')).cancel();
    clock.schedule(900, () => fired.push('cancelled 2')).cancel();
    clock.schedule(500, () => fired.push('b'));
    clock.schedule(100, () => fired.push('first'));
    clock.schedule(500, () => fired.push('cancelled 3')).cancel();
    clock.schedule(900, () => fired.push('last'));
    await clock.sleep(1_000);
    expect(fired).toEqual(['first', 'a', 'b', 'last']);
    expect(clock.now()).toBe(1_000);
  });

  it('holds time while an invocation runs real work and advances once it sleeps', async () => {
    const clock = new VirtualClock(0);
    const invocation = clock.beginInvocation('worker');
    const observed: number[] = [];
    const work = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      observed.push(clock.now());
      await invocation.sleep(5_000);
      observed.push(clock.now());
      invocation.finish();
    })();
    const timeout = clock.timer(1_000);
    await clock.advanceUntil(Promise.race([work, timeout.elapsed]));
    // The 1 s timer could only fire once the invocation slept; it then wins the race.
    expect(observed).toEqual([0]);
    expect(clock.now()).toBe(1_000);
  });

  it('fails instead of hanging when a running invocation never sleeps nor finishes', async () => {
    const clock = new VirtualClock(0, { handlerRealTimeLimitMs: 50 });
    clock.beginInvocation('stuck handler');
    await expect(clock.advanceUntil(new Promise(() => undefined))).rejects.toThrow(/stuck handler neither finished nor slept/);
  });

  it('fails when nothing can make progress', async () => {
    const clock = new VirtualClock(0);
    await expect(clock.advanceUntil(new Promise(() => undefined))).rejects.toThrow(/stalled/);
  });
});
