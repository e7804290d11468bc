/**
 * A token bucket for one API, shared by all running scenarios: like the account's own quota buckets, it
 * allows a burst of `burst` calls and then `callsPerSecond`, so a run stays under the refill rate it is
 * given instead of spending the bucket other tools in the account share and being throttled.
 *
 * @example
 * ```ts
 * const describePacer = new Pacer(8, 100);
 * await describePacer.take(signal);
 * await sfn.send(new DescribeExecutionCommand({ executionArn }));
 * ```
 */
export class Pacer {
  private tokens: number;
  private updatedAt = Date.now();
  private waiting: Promise<void> = Promise.resolve();

  constructor(
    private readonly callsPerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Resolves when the caller may make its call; rejects when `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    if (this.callsPerSecond <= 0) return Promise.resolve();
    // Callers queue in order, so a waiting scenario is never overtaken by a later one.
    const turn = this.waiting.then(async () => {
      this.refill();
      if (this.tokens < 1) await sleep(((1 - this.tokens) * 1000) / this.callsPerSecond, signal);
      this.refill();
      this.tokens -= 1;
    });
    this.waiting = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.callsPerSecond);
    this.updatedAt = now;
  }
}

/** Waits `ms`, ending early with the abort reason when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
