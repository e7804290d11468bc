/** setTimeout cannot wait longer than this in one go (it fires at once instead). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The default `sleep` option: a real timer, in steps short enough for setTimeout, so any wait works.
 *
 * @example
 * ```ts
 * await realSleep(250); // resolves after 250 ms
 * ```
 */
export async function realSleep(ms: number): Promise<void> {
  let left = ms;
  do {
    const step = Math.min(left, MAX_TIMER_MS);
    await new Promise<void>((resolve) => setTimeout(resolve, step));
    left -= step;
  } while (left > 0);
}
