/**
 * Engine benchmark: sfn-chaos's virtual-time engine against aws-local-stepfunctions on the same
 * workloads, each (engine × workload × handlers) cell measured in its own process. Needs a build first:
 *
 *   npm run build && node bench/engine/run.mjs [--measure-ms 2500] [--repeat 1] [--workload id] [--engine id]
 *                                              [--handlers wrapped|bare] [--json file]
 *
 * `--baseline DIR` adds the engine of another checkout with a built `dist/` (an older commit) as
 * `sfn-chaos-baseline`, with the same handlers: before and after in one run.
 *
 * `--repeat N` measures every cell N times, each in a process of its own, going round all the cells
 * once per repeat (so a burst of load on a shared machine hits every engine alike); each cell's
 * figures are those of its median repeat by throughput.
 *
 * Two handler modes (see armFunctions.mjs): `wrapped`, the functions behind `withChaos` as the local
 * target arms them (what the goals are measured on), and `bare`, a minimal throwing wrapper, which
 * times the engines alone. The `handlers-alone` row calls the wrapped functions of one execution with
 * no engine at all: the floor no engine can go below.
 *
 * Exit code 0 when every cell ran and agreed with the expected outcome (a workload an engine does not
 * support is reported, not an error), 1 when an engine produced a different outcome or a cell failed.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { HandlerModes } from './armFunctions.mjs';
import { engineLoaders } from './engines/index.mjs';
import { formatBytes, formatNumber, formatTable } from './formatTable.mjs';
import { workloadLoaders } from './workloads/index.mjs';

/** The issue's goals for the local engine. */
const Goal = {
  throughputRatio: 10,
  timesRealTime: 10_000,
  engineOwnRatio: 10,
  historyJsonShare: 0.2,
};
const SFN_CHAOS = 'sfn-chaos';
const PEER = 'aws-local-stepfunctions';
const FLOOR = 'handlers-alone';

const { values: options } = parseArgs({
  options: {
    'measure-ms': { type: 'string', default: '2500' },
    repeat: { type: 'string', default: '1' },
    baseline: { type: 'string' },
    workload: { type: 'string', multiple: true },
    engine: { type: 'string', multiple: true },
    handlers: { type: 'string', multiple: true },
    json: { type: 'string' },
  },
});
const measureMs = Number(options['measure-ms']);
const repeats = Number(options.repeat);
const workloadIds = options.workload ?? Object.keys(workloadLoaders);
const BASELINE = 'sfn-chaos-baseline';
const engineIds = (options.engine ?? Object.keys(engineLoaders)).filter((id) => id !== BASELINE || options.baseline);
if (options.baseline) {
  process.env.SFN_CHAOS_BASELINE = options.baseline;
  if (!engineIds.includes(BASELINE)) engineIds.splice(1, 0, BASELINE);
}
const handlerModes = options.handlers ?? HandlerModes;
for (const id of workloadIds) if (!workloadLoaders[id]) usage(`unknown workload "${id}"`);
for (const id of engineIds) if (!engineLoaders[id]) usage(`unknown engine "${id}"`);
for (const mode of handlerModes) if (!HandlerModes.includes(mode)) usage(`unknown handler mode "${mode}"`);
if (!(measureMs > 0)) usage('--measure-ms must be a positive number');
if (!(Number.isInteger(repeats) && repeats > 0)) usage('--repeat must be a positive integer');

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memory: formatBytes(totalmem()),
  node: process.version,
  // The peer's cells add it only when missing (see nodeCompat.mjs); reported so the figures say so.
  peerPolyfills: typeof Promise.withResolvers === 'function' ? [] : ['Promise.withResolvers'],
};
console.log(`Engine benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memory}, Node ${machine.node}`);
if (machine.peerPolyfills.length > 0)
  console.log(`aws-local-stepfunctions runs with polyfilled ${machine.peerPolyfills.join(', ')} (it declares Node >= 22)`);
console.log(
  `Each cell: own process, 0.5 s warm-up, ${measureMs / 1000} s timed in 5 batches; figures are the median batch${repeats > 1 ? `, then the median of ${repeats} such processes per cell` : ''}.\n`,
);

const started = performance.now();
const plan = [];
for (const handlers of handlerModes) {
  for (const workloadId of workloadIds) {
    for (const engineId of engineIds) {
      // The floor is the wrapped functions' cost; with bare handlers there is nothing left to measure.
      if (engineId === FLOOR && handlers !== 'wrapped') continue;
      plan.push({ engineId, workloadId, handlers, runs: [] });
    }
  }
}
for (let repeat = 1; repeat <= repeats; repeat++) {
  for (const planned of plan) {
    const { engineId, workloadId, handlers } = planned;
    process.stderr.write(`  measuring ${engineId} × ${workloadId} (${handlers} handlers)${repeats > 1 ? ` ${repeat}/${repeats}` : ''} …\n`);
    planned.runs.push(await measureInOwnProcess(engineId, workloadId, handlers));
  }
}
const cells = plan.map(({ runs }) => medianRun(runs));

const titles = new Map(cells.filter((cell) => cell.title).map((cell) => [cell.workload, cell.title]));
console.log('Workloads:');
for (const id of workloadIds) console.log(`  ${id}: ${titles.get(id) ?? ''}`);
console.log('');

const measured = cells.filter((cell) => cell.executionsPerSecond !== undefined);
const ModeTitles = {
  wrapped:
    'Same functions for every engine: the plain handlers behind withChaos, as the local target arms them (the goals are measured on these)',
  bare: 'Engines alone: the plain handlers behind a minimal wrapper that throws a prebuilt error, no injector',
};
for (const handlers of handlerModes) {
  const rows = measured.filter((cell) => cell.handlers === handlers);
  if (rows.length === 0) continue;
  console.log(`${ModeTitles[handlers]}:`);
  console.log(
    formatTable(
      [
        'workload',
        'engine',
        'executions/s',
        'ms/execution',
        '× real time',
        'virtual s',
        'batch spread (exec/s)',
        'heap kept/execution',
        'heap growth',
        'peak RSS Δ',
      ],
      rows.map((cell) => [
        cell.workload,
        cell.engine,
        formatNumber(cell.executionsPerSecond),
        formatNumber(cell.msPerExecution),
        `${formatNumber(cell.timesRealTime)}×`,
        formatNumber(cell.virtualMs / 1000),
        `${formatNumber(cell.throughputSpread[0])}–${formatNumber(cell.throughputSpread[1])}`,
        formatBytes(cell.retainedHeapBytes),
        formatBytes(cell.heapGrowthBytes),
        formatBytes(cell.peakRssDeltaBytes),
      ]),
    ),
  );
  console.log('');
}

let failed = false;
for (const cell of cells) {
  if (cell.unsupported)
    console.log(
      `\n${cell.engine} × ${cell.workload} (${cell.handlers}): NOT MEASURED, the engine does not support this workload:\n  ${cell.unsupported.replaceAll('\n', '\n  ')}`,
    );
  if (cell.differences) {
    failed = true;
    console.log(
      `\n${cell.engine} × ${cell.workload} (${cell.handlers}): NOT TIMED, its outcome differs from the expected one:\n  ${cell.differences.join('\n  ')}`,
    );
  }
  if (cell.failure) {
    failed = true;
    console.log(`\n${cell.engine} × ${cell.workload} (${cell.handlers}): FAILED\n  ${cell.failure.replaceAll('\n', '\n  ')}`);
  }
}

const cellOf = (workloadId, engineId, handlers) =>
  measured.find((cell) => cell.workload === workloadId && cell.engine === engineId && cell.handlers === handlers);

if (handlerModes.includes('wrapped')) {
  console.log('Goals (wrapped functions):');
  for (const workloadId of workloadIds) {
    const ours = cellOf(workloadId, SFN_CHAOS, 'wrapped');
    const peer = cellOf(workloadId, PEER, 'wrapped');
    if (!ours) {
      console.log(`  ${workloadId}: sfn-chaos not measured (see above)`);
      continue;
    }
    const realTime =
      ours.virtualMs === 0
        ? 'no virtual time, so no real-time goal'
        : `${formatNumber(ours.timesRealTime)}× real time (goal ≥ ${formatNumber(Goal.timesRealTime)}×): ${ours.timesRealTime >= Goal.timesRealTime ? 'met' : 'MISSED'}`;
    if (!peer) {
      console.log(`  ${workloadId}: ${realTime}; no peer figure to compare with`);
      continue;
    }
    if (ours.virtualMs !== peer.virtualMs) {
      console.log(
        `  ${workloadId}: note: virtual durations differ (sfn-chaos ${ours.virtualMs / 1000} s, peer ${peer.virtualMs / 1000} s)`,
      );
    }
    const ratio = ours.executionsPerSecond / peer.executionsPerSecond;
    console.log(
      `  ${workloadId}: sfn-chaos/peer throughput ${formatNumber(ratio)}× (goal ≥ ${Goal.throughputRatio}×): ${ratio >= Goal.throughputRatio ? 'met' : 'MISSED'}; ${realTime}`,
    );
  }

  // What the goals leave an engine, against what the functions alone cost (measured in this run).
  const bounds = workloadIds
    .map((workloadId) => ({
      workloadId,
      ours: cellOf(workloadId, SFN_CHAOS, 'wrapped'),
      peer: cellOf(workloadId, PEER, 'wrapped'),
      floor: cellOf(workloadId, FLOOR, 'wrapped'),
    }))
    .filter(({ floor }) => floor !== undefined);
  if (bounds.length > 0) {
    console.log('\nWhat the goals leave an engine, given what the wrapped functions alone take:');
    for (const { workloadId, ours, peer, floor } of bounds) {
      const budgets = [];
      if (peer) budgets.push({ goal: `${Goal.throughputRatio}× the peer`, ms: peer.msPerExecution / Goal.throughputRatio });
      // A workload that takes no virtual time (a chain without waits) has no real-time goal.
      if (floor.virtualMs > 0)
        budgets.push({ goal: `${formatNumber(Goal.timesRealTime)}× real time`, ms: floor.virtualMs / Goal.timesRealTime });
      for (const { goal, ms } of budgets) {
        const left = ms - floor.msPerExecution;
        const verdict =
          left <= 0
            ? `no engine can meet it: the functions alone take ${formatNumber(floor.msPerExecution / ms)}× the whole budget`
            : `leaves ${formatNumber(left)} ms for the engine${ours ? `; sfn-chaos's engine takes about ${formatNumber(ours.msPerExecution - floor.msPerExecution)} ms` : ''}`;
        console.log(
          `  ${workloadId}, ${goal}: ≤ ${formatNumber(ms)} ms per execution; the functions alone ${formatNumber(floor.msPerExecution)} ms; ${verdict}`,
        );
      }
    }
  }
  console.log('');
}

if (handlerModes.includes('bare')) {
  console.log('Engines alone (bare handlers):');
  for (const workloadId of workloadIds) {
    const ours = cellOf(workloadId, SFN_CHAOS, 'bare');
    const peer = cellOf(workloadId, PEER, 'bare');
    if (!ours || !peer) continue;
    console.log(
      `  ${workloadId}: sfn-chaos/peer throughput ${formatNumber(ours.executionsPerSecond / peer.executionsPerSecond)}×; sfn-chaos ${formatNumber(ours.timesRealTime)}× real time`,
    );
  }
}
if (handlerModes.includes('wrapped')) {
  // The issue's engine goals, side by side: throughput against the peer, each engine's own time
  // (its wall time minus the functions-alone floor), time per history event, and the history's JSON.
  const rows = [];
  for (const workloadId of workloadIds) {
    const ours = cellOf(workloadId, SFN_CHAOS, 'wrapped');
    const peer = cellOf(workloadId, PEER, 'wrapped');
    const floor = cellOf(workloadId, FLOOR, 'wrapped');
    const baseline = cellOf(workloadId, BASELINE, 'wrapped');
    if (!ours) continue;
    const events = ours.historyEvents;
    const ownMs = (cell) => (cell && floor ? cell.cpuMsPerExecution - floor.cpuMsPerExecution : undefined);
    const perEventUs = (cell) => (cell && events ? (cell.cpuMsPerExecution * 1000) / events : undefined);
    rows.push([
      workloadId,
      formatNumber(events),
      formatNumber(ours.cpuMsPerExecution),
      formatNumber(peer?.cpuMsPerExecution),
      formatNumber(floor?.cpuMsPerExecution),
      peer ? `${formatNumber(peer.cpuMsPerExecution / ours.cpuMsPerExecution)}×` : '–',
      peer ? `${formatNumber(peer.msPerExecution / ours.msPerExecution)}×` : '–',
      peer && floor ? `${formatNumber(ownMs(peer) / ownMs(ours))}×` : '–',
      formatNumber(perEventUs(ours)),
      formatNumber(perEventUs(peer)),
      ours.historyJsonShare === undefined ? '–' : `${formatNumber(ours.historyJsonShare * 100)} %`,
      ...(options.baseline
        ? [
            formatNumber(baseline?.cpuMsPerExecution),
            baseline ? `${formatNumber(baseline.cpuMsPerExecution / ours.cpuMsPerExecution)}×` : '–',
            peer && baseline ? `${formatNumber(peer.cpuMsPerExecution / baseline.cpuMsPerExecution)}×` : '–',
            baseline?.historyJsonShare === undefined ? '–' : `${formatNumber(baseline.historyJsonShare * 100)} %`,
          ]
        : []),
    ]);
  }
  if (rows.length > 0) {
    console.log(
      "\nSide by side (wrapped functions; CPU ms per execution; engine-own = CPU time minus handlers-alone's; µs/event = CPU µs over sfn-chaos's event count):",
    );
    console.log(
      formatTable(
        [
          'workload',
          'events',
          'sfn-chaos CPU ms',
          'peer CPU ms',
          'floor CPU ms',
          'peer/sfn-chaos CPU',
          'peer/sfn-chaos wall',
          'engine-own ratio',
          'sfn-chaos µs/event',
          'peer µs/event',
          'history JSON / run',
          ...(options.baseline ? ['baseline CPU ms', 'baseline/sfn-chaos CPU', 'peer/baseline CPU', 'baseline JSON / run'] : []),
        ],
        rows,
      ),
    );
    console.log(
      `Goals: peer/sfn-chaos time ≥ 1× (never slower), engine-own ratio ≥ ${Goal.engineOwnRatio}×, history JSON ≤ ${Goal.historyJsonShare * 100} % of the run.`,
    );
  }
}
console.log(`\nWhole bench: ${formatNumber((performance.now() - started) / 1000)} s`);

if (options.json) writeFileSync(options.json, `${JSON.stringify({ machine, measureMs, repeats, cells }, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;

async function measureInOwnProcess(engineId, workloadId, handlers) {
  const script = fileURLToPath(new URL('./measureCell.mjs', import.meta.url));
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', script, engineId, workloadId, String(measureMs), handlers],
      {
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1));
  } catch (error) {
    return { engine: engineId, workload: workloadId, handlers, failure: (error.stderr || error.message || String(error)).trim() };
  }
}

/** The run with the median throughput (a failed or refused run, if any, wins: it must be seen), with every run's throughput. */
function medianRun(runs) {
  const odd = runs.find((run) => run.executionsPerSecond === undefined);
  if (odd) return odd;
  const sorted = [...runs].sort((a, b) => a.executionsPerSecond - b.executionsPerSecond);
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)];
  return runs.length === 1 ? chosen : { ...chosen, repeatThroughputs: runs.map((run) => run.executionsPerSecond) };
}

function usage(problem) {
  console.error(
    `${problem}\nusage: node bench/engine/run.mjs [--measure-ms 2500] [--repeat 1] [--baseline dir] [--workload ${Object.keys(workloadLoaders).join('|')}] [--engine ${Object.keys(engineLoaders).join('|')}] [--handlers ${HandlerModes.join('|')}] [--json file]`,
  );
  process.exit(2);
}
