import { extname, relative, resolve } from 'node:path';
import { computeCoverage } from '../../coverage/computeCoverage.js';
import { formatCoverage } from '../../coverage/formatCoverage.js';
import { ExitCode } from '../../errors.js';
import { fileReporterNamed, fileReporters } from '../../reporters/registry.js';
import type { Reporter } from '../../reporters/Reporter.js';
import { createProgressReporter } from '../../reporters/progressReport.js';
import { formatRunSummary } from '../../reporters/consoleReport.js';
import { resolvePlanExpectations } from '../../plan/resolvePlanExpectations.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import type { Scenario, ScenarioFile } from '../../scenarios/types.js';
import { expectedBackoffSeconds, parseShard, shardItems } from '../../run/shard.js';
import { exitCodeFor, newRunId, runScenarios, type RunResult, type ScenarioResult } from '../../run/runScenarios.js';
import { writeRecordedCase } from '../../conformance/writeRecording.js';
import { targetNamed, targets } from '../../targets/registry.js';
import type { Target } from '../../targets/types.js';
import { checkReportPath } from '../checkReportPath.js';
import { handleInterruptions } from '../interruption.js';
import { INTERRUPTED_EXIT_CODE } from '../exitCodesHelp.js';
import { UsageError } from '../UsageError.js';

export interface RunCommandOptions {
  file: string;
  target: string;
  reporters: string[];
  out?: string;
  scenarios?: string[];
  tolerance?: number;
  /** Report which Retry and Catch rules the run exercised (printed after the summary, `coverage` in the JSON report). */
  coverage?: boolean;
  /** How many scenarios run at the same time (default 1). */
  concurrency?: number;
  /** Print what would be armed, started and asserted, and stop (aws target; no AWS call). */
  dryRun?: boolean;
  /** Accounts the aws target may touch: ids (`--allow-account`) and a file of ids (`--allowed-accounts`). */
  allowAccounts?: string[];
  allowedAccountsFile?: string;
  /** Region, profile and per-scenario time limit (seconds) of the aws target. */
  region?: string;
  profile?: string;
  timeout?: number;
  /** Write each scenario's definition, input, faults and AWS history here, for `chaos conformance DIR` (aws target). */
  record?: string;
  /** `--shard i/n`: run only this part of the (filtered) scenarios (see `shardItems`). */
  shard?: string;
}

/** The console always shows progress and the summary; `--reporter console` asks for nothing more. */
const CONSOLE_REPORTER = 'console';
const DEFAULT_OUT_BASE = 'chaos-results';

/** `chaos run FILE`: load, run every scenario on the target, report, and return the exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const reporters = parseReporters(options.reporters);
  const target = options.dryRun === true ? undefined : await createTarget(options.target, options);
  // fromPlan: expectations are computed now, so a request the plan cannot answer stops the run before it starts.
  // A whole run (no --scenario, no --shard) may invoke any handler of the file: their environments start as they are found.
  const warmUp =
    target?.warmUp !== undefined && (options.scenarios ?? []).length === 0 && options.shard === undefined ? target.warmUp : undefined;
  const file = resolvePlanExpectations(
    await loadScenarioFile(resolve(options.file), {
      requireHandlers: options.target !== 'aws',
      ...(warmUp === undefined ? {} : { onHandler: (handler) => warmUp(handler) }),
    }),
  );
  const outputs = reportPaths(reporters, options.out);
  if (options.dryRun !== true) {
    for (const [reporter, given] of givenReportPaths(reporters, options.out)) await checkReportPath(reporter.name, given, resolve(given));
  }
  const filters = options.scenarios ?? [];
  if (filters.length > 0 && !file.scenarios.some((scenario) => filters.some((text) => scenario.name.includes(text)))) {
    throw new UsageError(`no scenario in ${options.file} matches --scenario ${filters.map((text) => JSON.stringify(text)).join(', ')}`);
  }
  const shard = options.shard === undefined ? undefined : parseShard(options.shard);
  if (shard !== undefined && options.dryRun === true)
    throw new UsageError('--shard splits a run; --dry-run prints the whole plan (drop one of them)');
  const named = (scenario: Scenario): boolean => filters.length === 0 || filters.some((text) => scenario.name.includes(text));
  const inShard =
    shard === undefined
      ? undefined
      : new Set(
          shardItems(file.scenarios.filter(named), shard, (scenario) => scenario.name, expectedBackoffSeconds, armedTogether(file, target)),
        );
  if (options.dryRun === true) return printDryRun(file, filters, options);
  if (!target) throw new UsageError('no target to run on');
  if (options.record !== undefined && options.target !== 'aws')
    throw new UsageError('--record is for --target aws (it records what AWS did)');
  const recorder = options.record === undefined ? undefined : createRecorder(resolve(options.record), file);

  const abort = new AbortController();
  const runId = newRunId();
  const stopHandling = handleInterruptions({
    whenInterrupted: target.whenInterrupted ?? 'finishing the current scenario',
    ...(target.armedNow !== undefined ? { armedNow: () => target.armedNow?.() ?? [] } : {}),
    file: options.file,
    runId,
    onFirst: () => abort.abort(),
  });

  const progress = createProgressReporter(process.stdout);
  let result: RunResult;
  try {
    result = await runScenarios(file, {
      target,
      runId,
      signal: abort.signal,
      ...(filters.length > 0 || inShard !== undefined ? { filter: (scenario) => named(scenario) && (inShard?.has(scenario) ?? true) } : {}),
      ...(options.tolerance !== undefined ? { defaultTolerance: options.tolerance } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      onScenarioStart: progress.onScenarioStart,
      onScenarioEnd: (scenarioResult, index, total) => {
        progress.onScenarioEnd(scenarioResult, index, total);
        recorder?.record(scenarioResult);
      },
    });
  } finally {
    progress.close();
    stopHandling();
    await recorder?.done();
  }
  if (options.coverage) result = { ...result, coverage: computeCoverage(file, result) };

  for (const [reporter, path] of outputs) {
    await reporter.write(result, path, { cwd: process.cwd() });
    process.stdout.write(`${reporter.name} report: ${relative(process.cwd(), path) || path}\n`);
  }
  process.stdout.write(`${formatRunSummary(result)}\n`);
  if (result.coverage !== undefined) process.stdout.write(formatCoverage(result.coverage));
  if (abort.signal.aborted) return INTERRUPTED_EXIT_CODE;
  return exitCodeFor(result);
}

/**
 * Where each file reporter writes. One file reporter writes `--out` exactly as given (default
 * `chaos-results.json`/`.xml`/`.html`); several share `--out` as a base name, each adding its own extension
 * (`--out results` or `--out results.json` → results.json, results.xml, results.html).
 *
 * @example
 * ```ts
 * reportPaths(parseReporters(['console', 'json', 'junit']), 'out/results'); // Map { json reporter → /cwd/out/results.json, junit reporter → /cwd/out/results.xml }
 * ```
 */
export function reportPaths(reporters: readonly Reporter[], out: string | undefined): Map<Reporter, string> {
  return new Map([...givenReportPaths(reporters, out)].map(([reporter, given]) => [reporter, resolve(given)]));
}

/** The paths of `reportPaths` as the user wrote them (relative stays relative), for messages. */
function givenReportPaths(reporters: readonly Reporter[], out: string | undefined): Map<Reporter, string> {
  const [only] = reporters;
  if (only !== undefined && reporters.length === 1) return new Map([[only, out ?? `${DEFAULT_OUT_BASE}${only.extension}`]]);
  const known = fileReporters.map((reporter) => reporter.extension);
  const extension = extname(out ?? '');
  const base = out === undefined ? DEFAULT_OUT_BASE : known.includes(extension) ? out.slice(0, -extension.length) : out;
  return new Map(reporters.map((reporter) => [reporter, `${base}${reporter.extension}`]));
}

/**
 * The file reporters `--reporter` names (comma-separated or repeated, in the order given, each once);
 * `console` adds none, since the console report is always printed.
 *
 * @example
 * ```ts
 * parseReporters(['junit,html']).map((reporter) => reporter.name); // ['junit', 'html']
 * ```
 */
export function parseReporters(names: string[]): Reporter[] {
  const chosen = new Set<Reporter>();
  for (const name of names.flatMap((value) => value.split(','))) {
    if (name === CONSOLE_REPORTER) continue;
    const reporter = fileReporterNamed(name);
    if (!reporter)
      throw new UsageError(
        `unknown reporter "${name}"; choose from ${[CONSOLE_REPORTER, ...fileReporters.map((known) => known.name)].join(', ')}`,
      );
    chosen.add(reporter);
  }
  return [...chosen];
}

/**
 * The deployed functions a scenario arms on the target (none locally): `--shard` keeps scenarios that share
 * one in the same shard, so shards running at once never arm the same function.
 */
function armedTogether(file: ScenarioFile, target: Target | undefined): (scenario: Scenario) => string[] {
  return (scenario) => {
    const stateMachine = file.stateMachines[scenario.stateMachine];
    if (target?.armingClaims === undefined || stateMachine === undefined) return [];
    return target.armingClaims({ file, scenario, stateMachine }).map((claim) => claim.resource);
  };
}

/** `--dry-run`: the AWS plan from the scenario file alone, without creating a client. */
async function printDryRun(file: ScenarioFile, filters: string[], options: RunCommandOptions): Promise<number> {
  if (options.target !== 'aws') throw new UsageError('--dry-run is for --target aws (the local target changes nothing anyway)');
  const { describeAwsPlan, readAllowedAccounts, readAwsSettings } = await import('../../targets/aws/index.js');
  const allowed = await readAllowedAccounts(options.allowAccounts ?? [], options.allowedAccountsFile);
  const scenarios = file.scenarios.filter((scenario) => filters.length === 0 || filters.some((text) => scenario.name.includes(text)));
  const settings = readAwsSettings({
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  });
  process.stdout.write(describeAwsPlan(file, scenarios, allowed, settings));
  return ExitCode.Passed;
}

/**
 * `--record DIR`: each scenario's recording is written as soon as the scenario ends, so the ones that finished
 * are kept when a later one fails or the run is interrupted; a recording that cannot be written is reported
 * and the run goes on.
 */
function createRecorder(dir: string, file: ScenarioFile): { record(result: ScenarioResult): void; done(): Promise<void> } {
  const writes: Promise<void>[] = [];
  return {
    record: (result) => {
      writes.push(
        writeRecordedCase(dir, file, result).then(
          (folder) => {
            if (folder === undefined) process.stdout.write(`not recorded (no history): ${result.name}\n`);
          },
          (error: unknown) => {
            process.stderr.write(`chaos: could not record ${result.name}: ${error instanceof Error ? error.message : String(error)}\n`);
          },
        ),
      );
    },
    done: async () => {
      await Promise.all(writes);
      process.stdout.write(`recorded: ${relative(process.cwd(), dir) || dir}\n`);
    },
  };
}

async function createTarget(name: string, options: RunCommandOptions): Promise<Target> {
  const entry = targetNamed(name);
  if (!entry) throw new UsageError(`unknown target "${name}"; choose ${targets.map((known) => known.name).join(' or ')}`);
  return entry.create(options);
}

export { ExitCode };
