import { randomBytes } from 'node:crypto';
import { checkOptions, optionNames } from '../sources/checkOptions.js';
import { resolvePlanExpectations } from '../plan/resolvePlanExpectations.js';
import { ExitCode, InvalidInputError } from '../errors.js';
import { describeTargetError, runAndJudge } from './judgeExecution.js';
import type { Target } from '../targets/types.js';
import type { RunResult, ScenarioResult } from './results.js';
import { expectedBackoffSeconds } from './shard.js';
import type { Scenario, ScenarioFile } from '../scenarios/types.js';

export type { RunResult, ScenarioResult, ScenarioVerdict } from './results.js';

export interface RunScenariosOptions {
  target: Target;
  /** Only scenarios for which this returns true run; the others are left out of the result. */
  filter?: (scenario: Scenario) => boolean;
  /** Aborting stops before the next scenario; the rest are reported as skipped. */
  signal?: AbortSignal;
  runId?: string;
  /** Default tolerance in seconds for exact backoff expectations. */
  defaultTolerance?: number;
  /**
   * How many scenarios run at the same time; default 1 (one after the other, in file order). Above 1,
   * scenarios whose expectations promise the longest backoff start first, and scenarios that need a
   * deployed function armed differently ({@link Target.armingClaims}) never overlap. Results stay in file order.
   */
  concurrency?: number;
  onScenarioStart?: (scenario: Scenario, index: number, total: number) => void;
  onScenarioEnd?: (result: ScenarioResult, index: number, total: number) => void;
}

/**
 * Runs every scenario of a loaded file on one target and judges it. A scenario the target cannot
 * run is reported as an `error` result and the run goes on, so every result is always written.
 */
const RUN_SCENARIOS_OPTIONS = optionNames<RunScenariosOptions>({
  target: true,
  filter: true,
  signal: true,
  runId: true,
  defaultTolerance: true,
  concurrency: true,
  onScenarioStart: true,
  onScenarioEnd: true,
});

export async function runScenarios(file: ScenarioFile, options: RunScenariosOptions): Promise<RunResult> {
  checkOptions('runScenarios', options, RUN_SCENARIOS_OPTIONS);
  resolvePlanExpectations(file);
  const runId = options.runId ?? newRunId();
  const startedAt = new Date();
  const selected = file.scenarios.filter((scenario) => options.filter?.(scenario) ?? true);
  const notPrepared = await prepareTarget(file, selected, runId, options);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const results =
    notPrepared ??
    (concurrency === 1
      ? await runInOrder(file, selected, runId, options)
      : await runConcurrently(file, selected, runId, concurrency, options));

  return { file: file.file, target: options.target.name, runId, startedAt, finishedAt: new Date(), scenarios: results };
}

/**
 * Lets the target read what it needs before the first scenario (the AWS target resolves every state machine
 * and function). When that fails at run time, no scenario can run: each is reported as an `error` with the
 * reason, so the reports are still written. Bad input (an account that is not allowed) is thrown as is.
 */
async function prepareTarget(
  file: ScenarioFile,
  selected: Scenario[],
  runId: string,
  options: RunScenariosOptions,
): Promise<ScenarioResult[] | undefined> {
  if (selected.length === 0 || !options.target.prepare) return undefined;
  try {
    await options.target.prepare({ file, scenarios: selected, runId, ...(options.signal ? { signal: options.signal } : {}) });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const reason = `not run: preparing the ${options.target.name} target failed, so nothing was armed or started: ${describeTargetError(error)}`;
    return selected.map((scenario, index) => {
      const result: ScenarioResult = {
        name: scenario.name,
        stateMachine: scenario.stateMachine,
        verdict: 'error',
        failures: [],
        error: reason,
        injectedFaults: [],
        wallTimeMs: 0,
      };
      options.onScenarioEnd?.(result, index, selected.length);
      return result;
    });
  }
}

async function runInOrder(
  file: ScenarioFile,
  selected: Scenario[],
  runId: string,
  options: RunScenariosOptions,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of selected.entries()) {
    if (options.signal?.aborted) {
      results.push(skipped(scenario, 'the run was interrupted before this scenario started'));
      continue;
    }
    options.onScenarioStart?.(scenario, index, selected.length);
    const result = await runOne(file, scenario, file.scenarios.indexOf(scenario), runId, options);
    results.push(result);
    options.onScenarioEnd?.(result, index, selected.length);
  }
  return results;
}

/**
 * Runs up to `concurrency` scenarios at once. A scenario starts only when every deployed function it
 * shares with a running scenario is claimed with the same fault config; claims are taken all at once,
 * so two scenarios can never each hold what the other waits for.
 */
async function runConcurrently(
  file: ScenarioFile,
  selected: Scenario[],
  runId: string,
  concurrency: number,
  options: RunScenariosOptions,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = new Array<ScenarioResult>(selected.length);
  const claimsOf = selected.map((scenario) => {
    const stateMachine = file.stateMachines[scenario.stateMachine];
    return stateMachine ? (options.target.armingClaims?.({ file, scenario, stateMachine }) ?? []) : [];
  });
  const pending = selected
    .map((_, index) => index)
    .sort((a, b) => expectedBackoffSeconds(selected[b]!) - expectedBackoffSeconds(selected[a]!));
  const held = new Map<string, { config: string; holders: number }>();
  const fits = (index: number): boolean =>
    claimsOf[index]!.every((claim) => {
      const current = held.get(claim.resource);
      return current === undefined || current.config === claim.config;
    });
  let running = 0;

  await new Promise<void>((finished) => {
    const launch = (): void => {
      if (options.signal?.aborted) {
        for (const index of pending.splice(0))
          results[index] = skipped(selected[index]!, 'the run was interrupted before this scenario started');
      }
      while (running < concurrency) {
        const position = pending.findIndex(fits);
        if (position < 0) break;
        const [index] = pending.splice(position, 1) as [number];
        const scenario = selected[index]!;
        for (const claim of claimsOf[index]!) {
          const current = held.get(claim.resource);
          if (current) current.holders += 1;
          else held.set(claim.resource, { config: claim.config, holders: 1 });
        }
        running += 1;
        options.onScenarioStart?.(scenario, index, selected.length);
        void runOne(file, scenario, file.scenarios.indexOf(scenario), runId, options).then((result) => {
          results[index] = result;
          for (const claim of claimsOf[index]!) {
            const current = held.get(claim.resource);
            if (current && --current.holders === 0) held.delete(claim.resource);
          }
          running -= 1;
          options.onScenarioEnd?.(result, index, selected.length);
          launch();
        });
      }
      if (running === 0 && pending.length === 0) finished();
    };
    launch();
  });
  return results;
}

async function runOne(
  file: ScenarioFile,
  scenario: Scenario,
  index: number,
  runId: string,
  options: RunScenariosOptions,
): Promise<ScenarioResult> {
  const started = performance.now();
  const base = { name: scenario.name, stateMachine: scenario.stateMachine };
  const defaultTolerance = options.defaultTolerance ?? options.target.defaultBackoffTolerance;
  const request = { file, scenario, runId, index, ...(options.signal ? { signal: options.signal } : {}) };
  const outcome = await runAndJudge(options.target, request, defaultTolerance);
  if (outcome.kind !== 'ran') {
    // Nothing started for an unknown state machine: no time is counted.
    const wallTimeMs = outcome.kind === 'notRun' ? 0 : performance.now() - started;
    return { ...base, verdict: 'error', failures: [], error: outcome.error, injectedFaults: [], wallTimeMs };
  }
  const { events, injectedFaults, injectorWarnings, cleanupError, ...summary } = outcome.execution;
  const { analysis, failures } = outcome.judgement;
  return {
    ...base,
    // A failed cleanup (faults that may still be armed) outranks the verdict; the history is still reported.
    verdict: cleanupError !== undefined ? 'error' : failures.length === 0 ? 'passed' : 'failed',
    ...(cleanupError !== undefined ? { error: cleanupError } : {}),
    failures,
    execution: summary,
    analysis,
    history: events,
    injectedFaults,
    injectorWarnings,
    wallTimeMs: performance.now() - started,
    judgedWith: { expect: scenario.expect, defaultTolerance },
  };
}

function skipped(scenario: Scenario, reason: string): ScenarioResult {
  return {
    name: scenario.name,
    stateMachine: scenario.stateMachine,
    verdict: 'skipped',
    failures: [],
    error: reason,
    injectedFaults: [],
    wallTimeMs: 0,
  };
}

/** The exit code a run ends with: a target failure outranks a failed expectation. */
export function exitCodeFor(result: RunResult): number {
  if (result.scenarios.some((scenario) => scenario.verdict === 'error' || scenario.verdict === 'skipped')) return ExitCode.TargetFailed;
  if (result.scenarios.some((scenario) => scenario.verdict === 'failed')) return ExitCode.ExpectationFailed;
  return ExitCode.Passed;
}

/**
 * A new run id: base-36 time plus 6 random hex digits, short enough for execution names.
 *
 * @example
 * ```ts
 * const runId = newRunId(); // 'm9x2k1a3f0c2'
 * await runScenarios(file, { target, runId });
 * ```
 */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}
