import type { ScenarioResult } from '../run/runScenarios.js';
import type { Scenario } from '../scenarios/types.js';
import { formatScenarioResult } from './consoleReport.js';

/** How often the live line's elapsed time is redrawn (AWS scenarios run for minutes). */
const REDRAW_EVERY_MS = 1000;
const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  onScenarioStart(scenario: Scenario, index: number, total: number): void;
  onScenarioEnd(result: ScenarioResult, index: number, total: number): void;
  /** Stops the redraw timer and clears a live line that is still showing (e.g. after an interruption). */
  close(): void;
}

/**
 * Live progress on a terminal, plain lines elsewhere. On an interactive terminal (and not in CI) the
 * running scenario shows as one line, `[2/9] name … 3 s`, redrawn in place with `\r` until its result
 * replaces it; in CI and pipes only the finished scenarios' lines are written, as a log reader wants them.
 *
 * @example
 * ```ts
 * const progress = createProgressReporter(process.stdout);
 * await runScenarios(file, { target, onScenarioStart: progress.onScenarioStart, onScenarioEnd: progress.onScenarioEnd });
 * progress.close();
 * ```
 */
export function createProgressReporter(stream: ProgressStream, env: NodeJS.ProcessEnv = process.env): ProgressReporter {
  const live = stream.isTTY === true && !isCi(env);
  let timer: NodeJS.Timeout | undefined;
  let showing = false;

  const stopLine = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (showing) stream.write(CLEAR_LINE);
    showing = false;
  };

  return {
    onScenarioStart(scenario, index, total) {
      if (!live) return;
      stopLine();
      const started = Date.now();
      const draw = (): void => {
        const elapsed = Math.floor((Date.now() - started) / 1000);
        const line = `[${index + 1}/${total}] ${scenario.name} (${scenario.stateMachine}) … ${elapsed} s`;
        stream.write(`${CLEAR_LINE}${fitToWidth(line, stream.columns)}`);
        showing = true;
      };
      draw();
      timer = setInterval(draw, REDRAW_EVERY_MS);
      timer.unref();
    },
    onScenarioEnd(result) {
      stopLine();
      stream.write(`${formatScenarioResult(result)}\n`);
    },
    close: stopLine,
  };
}

/** CI services set CI (GitHub Actions, GitLab, CircleCI, Travis, Buildkite, …); `CI=false` means a person. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function fitToWidth(line: string, columns: number | undefined): string {
  if (!columns || line.length < columns) return line;
  return `${line.slice(0, Math.max(columns - 2, 1))}…`;
}
