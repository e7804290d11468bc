/** Where the bar is drawn: a terminal (`process.stdout`). */
export interface ProgressBarStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CLEAR_LINE = '\r\u001b[2K';
/** Redraws at most this often: thousands of executions a second must not each cost a write. */
const REDRAW_EVERY_MS = 100;

/**
 * A one-line progress bar, `[██████░░░░░░] 6,012/12,000 executions`, redrawn in place on a terminal
 * (and not in CI, where `CI` is set); elsewhere it writes nothing.
 *
 * @example
 * ```ts
 * const bar = createProgressBar(process.stdout);
 * await runExploration({ file, onProgress: bar.update });
 * bar.close();
 * ```
 */
export function createProgressBar(
  stream: ProgressBarStream,
  env: NodeJS.ProcessEnv = process.env,
): { update(done: number, total: number): void; close(): void } {
  const live = stream.isTTY === true && !env['CI'];
  let last = 0;
  let showing = false;
  return {
    update(done, total) {
      if (!live) return;
      const now = Date.now();
      if (now - last < REDRAW_EVERY_MS && done < total) return;
      last = now;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(
        `${CLEAR_LINE}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} executions`,
      );
      showing = true;
    },
    close() {
      if (showing) stream.write(CLEAR_LINE);
      showing = false;
    },
  };
}
