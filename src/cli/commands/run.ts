import { relative, resolve } from 'node:path';
import { ExitCode } from '../../errors.js';
import { writeJsonReport } from '../../reporters/jsonReport.js';
import { formatRunSummary, formatScenarioResult } from '../../reporters/consoleReport.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import { exitCodeFor, runScenarios, type RunResult } from '../../scenarios/runScenarios.js';
import type { Target } from '../../targets/types.js';
import { UsageError } from '../UsageError.js';

export interface RunCommandOptions {
  file: string;
  target: string;
  reporters: string[];
  out?: string;
  scenarios?: string[];
  tolerance?: number;
}

/** The console always shows progress and the summary; the others write files as well. */
const REPORTERS = ['console', 'json'] as const;
type ReporterName = (typeof REPORTERS)[number];

/** `chaos run FILE`: load, run every scenario on the target, report, and return the exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const reporters = parseReporters(options.reporters);
  const target = await createTarget(options.target);
  const file = await loadScenarioFile(resolve(options.file));
  const out = resolve(options.out ?? 'chaos-results.json');
  const filters = options.scenarios ?? [];
  if (filters.length > 0 && !file.scenarios.some((scenario) => filters.some((text) => scenario.name.includes(text)))) {
    throw new UsageError(`no scenario in ${options.file} matches --scenario ${filters.map((text) => JSON.stringify(text)).join(', ')}`);
  }

  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`chaos: ${signal} received, finishing the current scenario and writing results\n`);
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let result: RunResult;
  try {
    result = await runScenarios(file, {
      target,
      signal: abort.signal,
      ...(filters.length > 0 ? { filter: (scenario) => filters.some((text) => scenario.name.includes(text)) } : {}),
      ...(options.tolerance !== undefined ? { defaultTolerance: options.tolerance } : {}),
      onScenarioEnd: (scenarioResult) => {
        process.stdout.write(`${formatScenarioResult(scenarioResult)}\n`);
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (reporters.has('json')) {
    await writeJsonReport(result, out);
    process.stdout.write(`json report: ${relative(process.cwd(), out) || out}\n`);
  }
  process.stdout.write(`${formatRunSummary(result)}\n`);
  if (abort.signal.aborted) return 130;
  return exitCodeFor(result);
}

function parseReporters(names: string[]): Set<ReporterName> {
  const chosen = new Set<ReporterName>();
  for (const name of names.flatMap((value) => value.split(','))) {
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown reporter "${name}"; choose from ${REPORTERS.join(', ')}`);
    }
    chosen.add(name as ReporterName);
  }
  return chosen;
}

async function createTarget(name: string): Promise<Target> {
  if (name === 'local') {
    const { createLocalTarget } = await import('../../targets/local/localTarget.js');
    return createLocalTarget();
  }
  if (name === 'aws') {
    throw new UsageError('the aws target is not available in this version; run with --target local (the default)');
  }
  throw new UsageError(`unknown target "${name}"; choose local`);
}

export { ExitCode };
