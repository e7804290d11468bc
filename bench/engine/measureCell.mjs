/**
 * Measures one cell of the table (one engine × one workload) in its own process, so that memory
 * figures, JIT state and the peer's faked timers never leak into another cell. Prints one JSON line.
 * Started by run.mjs with --expose-gc; usable alone:
 *
 *   node --expose-gc bench/engine/measureCell.mjs sfn-chaos asteroids [measureMs] [wrapped|bare]
 */
import { HandlerModes } from './armFunctions.mjs';
import { differencesFromExpected } from './checkOutcome.mjs';
import { engineLoaders } from './engines/index.mjs';
import { workloadLoaders } from './workloads/index.mjs';

const WARM_UP_MS = 500;
const MIN_WARM_UP_EXECUTIONS = 3;
const BATCHES = 5;
const MIN_EXECUTIONS_PER_BATCH = 3;
const MAX_KEPT_RESULTS = 200;

const [engineId, workloadId, measureMsArgument, handlersArgument] = process.argv.slice(2);
const measureMs = Number(measureMsArgument ?? 2500);
const handlers = handlersArgument ?? 'wrapped';
if (!engineLoaders[engineId] || !workloadLoaders[workloadId] || !(measureMs > 0) || !HandlerModes.includes(handlers)) {
  console.error(
    `usage: node --expose-gc measureCell.mjs <${Object.keys(engineLoaders).join('|')}> <${Object.keys(workloadLoaders).join('|')}> [measureMs] [${HandlerModes.join('|')}]`,
  );
  process.exit(2);
}
if (typeof globalThis.gc !== 'function') {
  console.error('measureCell.mjs needs node --expose-gc for its memory figures');
  process.exit(2);
}

const result = await measureCell(await engineLoaders[engineId](), await workloadLoaders[workloadId](), measureMs, handlers);
process.stdout.write(`${JSON.stringify(result)}\n`);

async function measureCell(engine, workload, budgetMs, handlers) {
  const cell = { engine: engine.id, workload: workload.id, handlers, title: workload.title };
  const rssBeforeRuns = settledMemory().rss;
  const prepared = await engine.prepare(workload, { handlers });
  try {
    const first = await prepared.runOnce();
    if (first.unsupported) return { ...cell, unsupported: first.unsupported };
    const differences = differencesFromExpected(workload, first, { full: true });
    if (differences.length > 0) return { ...cell, differences };
    cell.virtualMs = first.virtualMs;
    if (first.historyEvents !== undefined) cell.historyEvents = first.historyEvents;

    // Warm-up: let the JIT settle before anything is timed.
    const warmUpEnd = performance.now() + WARM_UP_MS;
    let warmUpExecutions = 0;
    while (warmUpExecutions < MIN_WARM_UP_EXECUTIONS || performance.now() < warmUpEnd) {
      await checkedRun(prepared, workload);
      warmUpExecutions += 1;
    }

    // Heap kept alive by an execution's result (its history or event log): several results are kept
    // between two full GCs and the growth is divided among them, so allocator noise averages out.
    const keptCount = Math.min(MAX_KEPT_RESULTS, Math.max(MIN_WARM_UP_EXECUTIONS, warmUpExecutions));
    const heapBefore = settledMemory().heapUsed;
    const kept = [];
    for (let index = 0; index < keptCount; index++) kept.push((await checkedRun(prepared, workload)).retained);
    cell.retainedHeapBytes = (settledMemory().heapUsed - heapBefore) / kept.length;
    kept.length = 0;

    // Timed: back-to-back executions in batches; the median batch gives the figure, the spread shows its stability.
    const heapBeforeTimed = settledMemory().heapUsed;
    const batches = [];
    const samplesMs = [];
    const cpuBefore = process.cpuUsage();
    for (let batch = 0; batch < BATCHES; batch++) {
      const batchStart = performance.now();
      const batchEnd = batchStart + budgetMs / BATCHES;
      let executions = 0;
      while (executions < MIN_EXECUTIONS_PER_BATCH || performance.now() < batchEnd) {
        const started = performance.now();
        await checkedRun(prepared, workload);
        samplesMs.push(performance.now() - started);
        executions += 1;
      }
      batches.push({ executions, wallMs: performance.now() - batchStart });
    }
    const cpu = process.cpuUsage(cpuBefore);
    const heapGrowthBytes = settledMemory().heapUsed - heapBeforeTimed;
    const historyJson = first.retained?.events === undefined ? undefined : await timeHistoryJson(prepared, workload, budgetMs / BATCHES);

    const throughputs = batches.map((batch) => (batch.executions * 1000) / batch.wallMs).sort((a, b) => a - b);
    const executionsPerSecond = median(throughputs);
    return {
      ...cell,
      executions: samplesMs.length,
      executionsPerSecond,
      throughputSpread: [throughputs[0], throughputs.at(-1)],
      msPerExecution: 1000 / executionsPerSecond,
      medianMsPerExecution: median([...samplesMs].sort((a, b) => a - b)),
      // CPU time of the whole process (all its threads: GC helpers included) per timed execution. On a
      // machine shared with other work, wall time also counts the time the process waited for a core.
      cpuMsPerExecution: (cpu.user + cpu.system) / 1000 / samplesMs.length,
      timesRealTime: first.virtualMs / (1000 / executionsPerSecond),
      retainedHeapBytes: cell.retainedHeapBytes,
      heapGrowthBytes,
      peakRssDeltaBytes: process.resourceUsage().maxRSS * 1024 - rssBeforeRuns,
      ...(historyJson === undefined ? {} : historyJson),
    };
  } finally {
    prepared.dispose();
  }
}

async function checkedRun(prepared, workload) {
  const outcome = await prepared.runOnce();
  const differences = outcome.unsupported ? [outcome.unsupported] : differencesFromExpected(workload, outcome, { full: false });
  if (differences.length > 0)
    throw new Error(`a timed execution of ${workload.id} differed from the checked one: ${differences.join('; ')}`);
  return outcome;
}

/**
 * What serialising an execution's history to JSON text costs next to running it: executions are run
 * one at a time and `JSON.stringify(result.events)` is timed right after each, as a caller writing
 * the history out (GetExecutionHistory's JSON, a report) would. Both figures are medians.
 */
async function timeHistoryJson(prepared, workload, budgetMs) {
  const runMs = [];
  const jsonMs = [];
  const end = performance.now() + budgetMs;
  while (runMs.length < MIN_EXECUTIONS_PER_BATCH || performance.now() < end) {
    const started = performance.now();
    const outcome = await checkedRun(prepared, workload);
    const ran = performance.now();
    const text = JSON.stringify(outcome.retained.events);
    jsonMs.push(performance.now() - ran);
    runMs.push(ran - started);
    if (text.length === 0) throw new Error('empty history');
  }
  const historyJsonMs = median(jsonMs.sort((a, b) => a - b));
  return { historyJsonMs, historyJsonShare: historyJsonMs / median(runMs.sort((a, b) => a - b)) };
}

function settledMemory() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage();
}

function median(sorted) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
