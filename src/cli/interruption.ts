import { formatStillArmed } from './stillArmedMessage.js';
import { INTERRUPTED_EXIT_CODE } from './exitCodesHelp.js';
import type { ArmedPlaceSummary } from '../targets/types.js';

/** The parts of `process` the interruption handling uses (tests pass their own). */
export interface InterruptibleProcess {
  on(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

/** What {@link handleInterruptions} needs to know about the run. */
export interface InterruptionSetup {
  /** What the target does on the first signal (`Target.whenInterrupted`). */
  whenInterrupted: string;
  /** What is armed right now (`Target.armedNow`); absent: nothing outside the process. */
  armedNow?: () => ArmedPlaceSummary[];
  /** The scenario file and run id, for the `chaos disarm` command printed on the second signal. */
  file: string;
  runId: string;
  /** Called on the first signal: aborts the run. */
  onFirst: () => void;
  process?: InterruptibleProcess;
  stderr?: { write(text: string): unknown };
}

/**
 * Handles SIGINT and SIGTERM during `chaos run`: the first aborts the run (the target then stops or finishes
 * the running scenarios and disarms); a second one before the run is over exits at once with 130, after
 * printing what may still be armed and how to remove it. Returns the function that removes the handlers.
 *
 * @example
 * ```ts
 * const stop = handleInterruptions({ whenInterrupted: target.whenInterrupted ?? 'finishing the current scenario', file, runId, onFirst: () => abort.abort() });
 * try { await runScenarios(file, { target, runId, signal: abort.signal }); } finally { stop(); }
 * ```
 */
export function handleInterruptions(setup: InterruptionSetup): () => void {
  const target = setup.process ?? process;
  const stderr = setup.stderr ?? process.stderr;
  let received = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received === 1) {
      stderr.write(`chaos: ${signal} received, ${setup.whenInterrupted} and writing results (a second ${signal} exits at once)\n`);
      setup.onFirst();
      return;
    }
    if (setup.armedNow !== undefined) {
      stderr.write(`chaos: second ${signal} received, exiting before the disarm is done\n`);
      stderr.write(formatStillArmed(setup.armedNow(), setup.file, setup.runId));
    }
    target.exit(INTERRUPTED_EXIT_CODE);
  };
  target.on('SIGINT', onSignal);
  target.on('SIGTERM', onSignal);
  return () => {
    target.off('SIGINT', onSignal);
    target.off('SIGTERM', onSignal);
  };
}
