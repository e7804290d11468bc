import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parse, parseDocument } from 'yaml';
import { mergeCoverage } from '../coverage/mergeCoverage.js';
import { InvalidInputError } from '../errors.js';
import type { RunCoverage } from '../run/coverageTypes.js';
import { type Shard, shardItems } from '../run/shard.js';
import { loadScenarioFile } from '../scenarios/load.js';
import type { RawScenario, RawScenarioFile } from '../scenarios/rawScenarioFile.js';
import type { ExploreCase, ExploreReport, ExploreRow, UnexercisedRule } from './exploreTypes.js';
import { buildFaultSpace } from './faultSpace.js';
import { isRandomScenario, summarizeSeries } from './monteCarlo.js';
import { type ItemResult, runItems, type WorkItem } from './runItems.js';

export interface ExploreOptions {
  /** The scenario file; relative to `cwd`. */
  file: string;
  /** The file's content, used instead of reading `file` (`chaos explore --definition`: see `scenarioFileForDefinition`). */
  text?: string;
  cwd?: string;
  depth?: 1 | 2;
  /** Runs per scenario of the file whose faults fire at random (`rate:` below 1); default 0 (none). */
  monteCarlo?: number;
  /** Only these state machines. */
  stateMachines?: string[];
  /** Run only this shard's part of the work (see `shardItems`). */
  shard?: Shard;
  /**
   * Threads that run executions, this one included. 1 runs everything in this thread; `n` runs a share here
   * and one in each of `n - 1` worker threads. Default: one thread per {@link EXECUTIONS_PER_THREAD}
   * executions begun for the `handlers` mode (at least one), up to `os.availableParallelism()`.
   */
  workers?: number;
  /** Where handlers run (see `LocalTargetOptions.handlers`); default `isolated`. */
  handlers?: 'isolated' | 'in-process';
  /** Called as executions finish. */
  onProgress?: (done: number, total: number) => void;
}

/** What an exploration gives: the report, its cases, and the scenario file text that runs them (for `--emit-scenarios`). */
export interface Exploration {
  report: ExploreReport;
  cases: ExploreCase[];
  /** The scenario file, parsed as written (its `stateMachines:` and `defaults:` are copied into emitted files). */
  rawFile: RawScenarioFile;
}

/**
 * `chaos explore`: builds a scenario file's fault space (see `buildFaultSpace`), adds `monteCarlo` seeded
 * runs of each scenario whose faults fire at random, keeps this shard's part, runs it on the local target
 * split over this thread and worker threads (each loads the file once), and reports every case's outcome, the
 * distribution of each Monte Carlo series, and the Retry and Catch rules no case reached. The rows do
 * not depend on the number of workers.
 *
 * @example
 * ```ts
 * const { report } = await runExploration({ file: 'scenarios.yaml', depth: 2, monteCarlo: 1000 });
 * report.rows.filter((row) => row.status === 'FAILED').map((row) => row.name);
 * ```
 */
export async function runExploration(options: ExploreOptions): Promise<Exploration> {
  const cwd = options.cwd ?? process.cwd();
  const path = isAbsolute(options.file) ? options.file : resolve(cwd, options.file);
  const depth = options.depth ?? 1;
  const startedAt = new Date();
  const start: ExploreWorkerStart = { file: path, cwd, ...(options.text === undefined ? {} : { text: options.text }) };
  // Worker threads start first, so that they load their modules while this thread builds the fault space:
  // as many as asked for, or as the Monte Carlo runs alone will want; more start once the work is known.
  const early =
    options.workers !== undefined
      ? Math.max(1, Math.floor(options.workers))
      : threadsFor(Math.max(0, Math.floor(options.monteCarlo ?? 0)), options.handlers ?? 'isolated');
  const pool = early > 1 ? startWorkers(early - 1, start) : [];
  try {
    return await explore(options, path, cwd, depth, startedAt, pool, start);
  } finally {
    for (const thread of pool) void thread.terminate();
  }
}

/**
 * Executions that make a thread worth starting when `workers` is not given, by where the handlers run. A thread
 * costs its start, its own load of the file and of its handlers, and its JIT's warm-up: its first few thousand
 * asteroids executions run at about a third of its later speed, and its optimising compiler's work competes with
 * the other thread for the cores. Measured on two cores (docs/benchmarks.md, "Seventh round"): with isolated
 * handlers, 30,000 asteroids executions took less time in one thread than in two, and 40,000 took more; with
 * in-process handlers, 40,000 took less in one thread and 60,000 took more.
 *
 * @example
 * ```ts
 * Math.ceil(45_000 / EXECUTIONS_PER_THREAD.isolated); // 2 threads, as many cores allowing
 * ```
 */
export const EXECUTIONS_PER_THREAD: Readonly<Record<'isolated' | 'in-process', number>> = { isolated: 30_000, 'in-process': 50_000 };

/**
 * The default number of threads for `executions`: one per {@link EXECUTIONS_PER_THREAD} begun, up to the cores.
 *
 * @example
 * ```ts
 * threadsFor(20_000, 'isolated'); // 1
 * threadsFor(45_000, 'isolated'); // 2 on a machine with two cores or more
 * ```
 */
export function threadsFor(executions: number, handlers: 'isolated' | 'in-process'): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(executions / EXECUTIONS_PER_THREAD[handlers])));
}

async function explore(
  options: ExploreOptions,
  path: string,
  cwd: string,
  depth: 1 | 2,
  startedAt: Date,
  pool: Worker[],
  start: ExploreWorkerStart,
): Promise<Exploration> {
  const text =
    options.text ??
    (await readFile(path, 'utf8').catch((error: unknown) => {
      throw new InvalidInputError(`scenario file ${options.file} cannot be read: ${(error as Error).message}`, { file: options.file });
    }));
  const file = await loadScenarioFile(path, { cwd, text });
  const rawFile = parse(text) as RawScenarioFile;
  for (const key of options.stateMachines ?? []) {
    if (!Object.hasOwn(file.stateMachines, key)) throw new InvalidInputError(`--state-machine ${key}: the file has no such state machine`);
  }
  const space = buildFaultSpace(file, rawFile.scenarios, {
    depth,
    ...(options.stateMachines ? { stateMachines: options.stateMachines } : {}),
  });
  const randomIndices = file.scenarios
    .map((scenario, index) => ({ scenario, index }))
    .filter(({ scenario }) => isRandomScenario(scenario) && (options.stateMachines?.includes(scenario.stateMachine) ?? true))
    .map(({ index }) => index);
  const exploreScenarios: RawScenario[] = [
    ...space.cases.map((exploreCase) => exploreCase.scenario),
    ...randomIndices.map((index) => rawFile.scenarios[index] as RawScenario),
  ];
  const exploreText = withScenarios(text, exploreScenarios);

  const runs = Math.max(0, Math.floor(options.monteCarlo ?? 0));
  const all: WorkItem[] = [
    ...space.cases.map((_, scenario): WorkItem => ({ kind: 'case', scenario })),
    ...randomIndices.flatMap((_, series) =>
      Array.from(
        { length: runs },
        (_unused, run): WorkItem => ({ kind: 'monteCarlo', scenario: space.cases.length + series, run: run + 1 }),
      ),
    ),
  ];
  const nameOf = (item: WorkItem): string => {
    const scenario = exploreScenarios[item.scenario] as RawScenario;
    return item.kind === 'case' ? scenario.name : `${scenario.name} #${item.run}`;
  };
  const costOf = (item: WorkItem): number => (item.kind === 'case' ? (space.cases[item.scenario]?.expectedSeconds ?? 0) : 0);
  const items = options.shard === undefined ? all : shardItems(all, options.shard, nameOf, costOf);

  const handlers = options.handlers ?? 'isolated';
  const asked = options.workers !== undefined ? Math.max(1, Math.floor(options.workers)) : threadsFor(items.length, handlers);
  let workers = Math.min(asked, items.length || 1);
  if (pool.length < workers - 1) pool.push(...startWorkers(workers - 1 - pool.length, start));
  // Without the built worker module (running from the sources), a default count makes do with this thread.
  if (options.workers === undefined) workers = Math.min(workers, pool.length + 1);
  const { results, coverage } = await runShares(
    { file: path, cwd, text: exploreText, handlers, items: [] },
    items,
    pool.slice(0, workers - 1),
    workers,
    options.onProgress,
  );

  // Each item's place in `all` (cases, then each series' runs in order): the results, from whichever thread, go back in that order.
  const placeOf = (item: WorkItem): number =>
    item.kind === 'case' ? item.scenario : space.cases.length + (item.scenario - space.cases.length) * runs + item.run - 1;
  const byPlace = new Array<ItemResult | undefined>(all.length);
  for (const result of results) byPlace[placeOf(result.item)] = result;
  const ordered = items.map((item) => byPlace[placeOf(item)]).filter((result): result is ItemResult => result !== undefined);

  const rows: ExploreRow[] = [];
  for (const result of ordered) {
    if (result.item.kind !== 'case') continue;
    const exploreCase = space.cases[result.item.scenario] as ExploreCase;
    rows.push({
      index: result.item.scenario,
      name: exploreCase.name,
      stateMachine: exploreCase.stateMachine,
      kind: exploreCase.kind,
      faults: exploreCase.faults.map((fault) => ({ tasks: fault.tasks, errorName: fault.errorName, label: fault.label })),
      ...result.outcome,
    });
  }
  const monteCarlo = randomIndices.flatMap((fileIndex, series) => {
    const own = ordered.filter((result) => result.item.kind === 'monteCarlo' && result.item.scenario === space.cases.length + series);
    const scenario = file.scenarios[fileIndex];
    if (own.length === 0 || scenario === undefined) return [];
    return [
      summarizeSeries(
        scenario,
        own.map((result) => result.outcome),
        own.filter((result) => result.expectationsHeld).length,
      ),
    ];
  });

  // Each rule's scenarios in fault-space order, whichever worker ran them.
  const position = new Map(space.cases.map((exploreCase, index) => [exploreCase.name, index]));
  for (const machine of coverage.stateMachines) {
    for (const state of machine.states) {
      for (const rule of state.rules) rule.scenarios.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    }
  }

  return {
    report: {
      file: path,
      depth,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      startedAt,
      finishedAt: new Date(),
      workers,
      executions: ordered.length,
      rows,
      monteCarlo,
      coverage,
      notes: space.notes,
    },
    cases: space.cases,
    rawFile,
  };
}

/**
 * The Retry and Catch rules that never fired, from an exploration's coverage.
 *
 * @example
 * ```ts
 * unexercisedRules(report.coverage).map((rule) => rule.field); // ['States["Download Exoplanets"].Catch[0]']
 * ```
 */
export function unexercisedRules(coverage: RunCoverage): UnexercisedRule[] {
  return coverage.stateMachines.flatMap((machine) =>
    machine.states.flatMap((state) =>
      state.rules
        .filter((rule) => rule.fired === 0 && rule.unreachableByFunctionFaults !== true)
        .map((rule) => ({
          stateMachine: machine.stateMachine,
          state: state.name,
          kind: rule.kind,
          field: rule.field,
          errorEquals: rule.errorEquals,
        })),
    ),
  );
}

/** The file's text with `scenarios:` replaced, so the loader checks the generated scenarios as it checks written ones. */
function withScenarios(text: string, scenarios: readonly RawScenario[]): string {
  const document = parseDocument(text);
  document.set('scenarios', document.createNode(scenarios, { aliasDuplicateObjects: false }));
  return document.toString({ lineWidth: 0 });
}

/** Message from a worker thread (`exploreWorker.ts`). */
export type FromExploreWorker =
  | { type: 'progress'; done: number; results: readonly ItemResult[] }
  | { type: 'done'; coverage: RunCoverage }
  | { type: 'failed'; message: string };

/**
 * What a worker thread starts with: the scenario file the exploration is built from, which it loads at once
 * (importing its handlers, warming the loader) while the main thread builds the work.
 */
export interface ExploreWorkerStart {
  file: string;
  cwd: string;
  text?: string;
}

/** What a worker thread is sent, once, after it starts: the explore file's text and its share of the work. */
export interface ExploreWorkerData extends ExploreWorkerStart {
  text: string;
  handlers: 'isolated' | 'in-process';
  items: WorkItem[];
}

/**
 * The worker's module: in `dist/`, the bundled one `npm run build` writes to `dist/bundle/` (one file and the
 * chunks it shares with the command line, which a thread loads in a third of the time the ~200 modules of
 * `dist/explore/exploreWorker.js` take), else that compiled module next to this one. Neither exists when running
 * from the sources.
 */
function workerUrl(): URL | undefined {
  return [new URL('../bundle/exploreWorker.js', import.meta.url), new URL('./exploreWorker.js', import.meta.url)].find((url) =>
    existsSync(fileURLToPath(url)),
  );
}

/**
 * Starts `count` explore worker threads; each waits for its `ExploreWorkerData` message. None without the
 * built worker module (running from the sources): `runShares` says so if the work needs them.
 */
function startWorkers(count: number, start: ExploreWorkerStart): Worker[] {
  const url = workerUrl();
  if (url === undefined) return [];
  // V8's default young generation: a 64 MB one (tried before) made each worker slower on 2 cores (docs/benchmarks.md).
  // A worker inherits the process's Node options, but `--input-type` (of `node --input-type=module -e …`) only
  // applies to code given as a string, and a worker given a file refuses to start with it.
  const execArgv = process.execArgv.filter((option) => !option.startsWith('--input-type'));
  return Array.from({ length: count }, () => new Worker(url, { workerData: start, execArgv }));
}

/**
 * Splits the items into `lanes` shares, every `lanes`-th item to one: the first runs in this thread, each
 * other in one of `threads` (the worker threads of lanes 2 and up). Joins what they found. This thread's
 * share runs beside the workers' (its executions yield to the event loop, where their reports arrive), so
 * two lanes on two cores start one worker thread, not two beside an idle main thread.
 */
async function runShares(
  shared: ExploreWorkerData,
  items: readonly WorkItem[],
  threads: readonly Worker[],
  lanes: number,
  onProgress: ExploreOptions['onProgress'],
): Promise<{ results: ItemResult[]; coverage: RunCoverage }> {
  if (threads.length < lanes - 1) {
    const built = fileURLToPath(new URL('./exploreWorker.js', import.meta.url));
    throw new InvalidInputError(`explore: worker threads need the built module ${built}; run with workers: 1 here`);
  }
  const done = new Array<number>(lanes).fill(0);
  const results: ItemResult[] = [];
  const shareOf = (lane: number): WorkItem[] => items.filter((_item, index) => index % lanes === lane);
  const report = (lane: number, count: number): void => {
    done[lane] = count;
    onProgress?.(
      done.reduce((sum, value) => sum + value, 0),
      items.length,
    );
  };
  const inThreads = threads.map(
    (thread, index) =>
      new Promise<RunCoverage>((resolvePart, rejectPart) => {
        const lane = index + 1;
        thread.postMessage({ ...shared, items: shareOf(lane) } satisfies ExploreWorkerData);
        thread.on('message', (message: FromExploreWorker) => {
          if (message.type === 'progress') {
            for (const result of message.results) results.push(result);
            report(lane, message.done);
          } else if (message.type === 'done') {
            resolvePart(message.coverage);
            void thread.terminate();
          } else {
            rejectPart(new InvalidInputError(`explore: ${message.message}`));
            void thread.terminate();
          }
        });
        thread.on('error', rejectPart);
        // After its `done` this changes nothing; before it, the thread was stopped or died.
        thread.on('exit', () => rejectPart(new InvalidInputError('explore: a worker thread ended before its work was done')));
      }),
  );
  // A lane that fails ends the others: this thread's stops after its current chunk, the worker threads at once.
  let failed = false;
  const here = (async (): Promise<RunCoverage> => {
    const file = await loadScenarioFile(shared.file, { cwd: shared.cwd, text: shared.text });
    const own = await runItems(
      file,
      shareOf(0),
      (count, latest) => {
        for (const result of latest) results.push(result);
        report(0, count);
      },
      shared.handlers,
      () => failed,
    );
    return own.coverage;
  })();
  const lanesDone = [here, ...inThreads].map((lane) =>
    lane.catch((error: unknown) => {
      failed = true;
      for (const thread of threads) void thread.terminate();
      throw error;
    }),
  );
  // Every lane settles before the exploration does, so that nothing is left running on; the first failure is its error.
  const settled = await Promise.allSettled(lanesDone);
  const failure = settled.find((lane) => lane.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  const coverages = settled.map((lane) => (lane as PromiseFulfilledResult<RunCoverage>).value);
  return { results, coverage: mergeCoverage(coverages) };
}
