import { ExitCode } from '../errors.js';

/** The exit code of a run stopped by SIGINT or SIGTERM (128 + SIGINT's number, as shells report it). */
export const INTERRUPTED_EXIT_CODE = 130;

/** What each exit code of `chaos` means, as the README's table says it. */
const EXIT_CODE_MEANINGS: ReadonlyArray<readonly [number, string]> = [
  [ExitCode.Passed, 'every scenario passed (plan: no warning, or no --strict)'],
  [ExitCode.ExpectationFailed, 'an expectation failed (plan --strict: a warning)'],
  [ExitCode.InvalidInput, 'invalid input: scenario file, definition, template, handler or flag'],
  [ExitCode.TargetFailed, 'the target failed to run a scenario'],
  [
    INTERRUPTED_EXIT_CODE,
    'interrupted (Ctrl-C, SIGTERM): aws stops the running executions (StopExecution), disarms and reports them as errors; local finishes the running scenario; the rest are skipped, results are written. A second signal exits at once, saying what may still be armed and the chaos disarm command',
  ],
];

/**
 * The exit-code table `chaos --help` ends with.
 *
 * @example
 * ```ts
 * exitCodesHelp().split('\n')[0]; // 'Exit codes:'
 * ```
 */
export function exitCodesHelp(): string {
  return ['Exit codes:', ...EXIT_CODE_MEANINGS.map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`)].join('\n');
}
