/**
 * chaos explore's throughput on the asteroids example: executions per second of `runExploration` (built
 * package, `dist/`) with one thread and with every core, with handlers isolated (the default: each in its
 * own execution environment) and in-process. Each cell runs the asteroids fault space plus N Monte Carlo
 * runs of bench/explore/asteroids.scenarios.yaml (HTTPError on half the attempts), in a fresh process of its
 * own, as `chaos explore` runs: nothing is warm from an earlier cell.
 *
 *   npm run build && node bench/explore/run.mjs [--runs 20000] [--handlers isolated,in-process] [--repeat 3]
 *                                              [--before DIR] [--json out.json]
 *
 * `--repeat N` measures each cell N times, going round all the cells once per repeat, and reports the median
 * repeat by overall rate. `--before DIR` adds the same cells for DIR, another checkout of sfn-chaos with its own
 * build, measured in the same rounds: a before/after comparison that shares the machine's load.
 *
 * Figures per cell: `overall` is every execution over the whole call (loading the file and starting
 * the workers included); `steady` counts only the executions between the first and the last progress
 * report (after setup), which is what a long exploration runs at; `per CPU second` divides the
 * executions by the CPU time of the process (every thread, setup included), which other processes on
 * a busy machine change less than they change wall time.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? fallback : args[index + 1];
};
const file = fileURLToPath(new URL('./asteroids.scenarios.yaml', import.meta.url));
const here = fileURLToPath(new URL('../..', import.meta.url));

if (args[0] === '--cell') {
  // One measurement, in this (fresh) process: `--cell ROOT HANDLERS WORKERS RUNS`; prints the cell as JSON.
  const [, root, handlers, workersText, runsText] = args;
  const { runExploration } = await import(pathToFileURL(resolve(root, 'dist/explore/runExploration.js')).href);
  let first;
  let last;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { report } = await runExploration({
    file,
    workers: Number(workersText),
    handlers,
    monteCarlo: Number(runsText),
    onProgress: (done) => {
      const now = performance.now();
      first ??= { done, at: now };
      last = { done, at: now };
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const steady = first && last && last.at > first.at ? (last.done - first.done) / ((last.at - first.at) / 1000) : Number.NaN;
  const series = report.monteCarlo[0];
  console.log(
    JSON.stringify({
      executions: report.executions,
      seconds: Math.round(seconds * 100) / 100,
      overallPerSecond: Math.round(report.executions / seconds),
      steadyPerSecond: Math.round(steady),
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      perCpuSecond: Math.round(report.executions / cpuSeconds),
      succeededShare: series?.outcomes.find((outcome) => outcome.outcome === 'SUCCEEDED')?.share,
    }),
  );
  process.exit(0);
}

const runs = Number(flag('runs', '20000'));
const repeat = Math.max(1, Number(flag('repeat', '1')));
const handlerModes = flag('handlers', 'isolated,in-process').split(',');
const before = flag('before', undefined);
const jsonOut = flag('json', undefined);
const cores = availableParallelism();
const checkouts = [{ label: '', root: here }, ...(before === undefined ? [] : [{ label: ` (${before})`, root: resolve(before) }])];

const cells = [];
for (const checkout of checkouts) {
  for (const handlers of handlerModes) {
    for (const workers of [...new Set([1, cores])]) cells.push({ ...checkout, handlers, workers, measured: [] });
  }
}
for (let round = 0; round < repeat; round++) {
  for (const cell of cells) {
    const output = execFileSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--cell', cell.root, cell.handlers, String(cell.workers), String(runs)],
      { encoding: 'utf8' },
    );
    cell.measured.push(JSON.parse(output.trim().split('\n').at(-1)));
  }
}

const results = cells.map(({ label, root, handlers, workers, measured }) => {
  const byOverall = [...measured].sort((a, b) => a.overallPerSecond - b.overallPerSecond);
  const median = byOverall[Math.floor(byOverall.length / 2)];
  return { checkout: root, label, handlers, workers, repeats: measured.map((cell) => cell.overallPerSecond), ...median };
});
for (const cell of results) {
  console.log(
    `${cell.handlers.padEnd(10)} workers ${String(cell.workers).padEnd(2)} ${String(cell.executions).padStart(7)} executions in ${cell.seconds.toFixed(2).padStart(6)} s: overall ${String(cell.overallPerSecond).padStart(6)}/s, steady ${String(cell.steadyPerSecond).padStart(6)}/s; ${cell.cpuSeconds.toFixed(2)} CPU s (all threads), ${String(cell.perCpuSecond).padStart(6)} per CPU second${repeat > 1 ? `; overall in each repeat: ${cell.repeats.join(', ')}` : ''}${cell.label}`,
  );
}
console.log(
  `machine: ${cores} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}, Node ${process.version}; each cell in a fresh process${repeat > 1 ? `, median of ${repeat} repeats` : ''}`,
);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ runs, cores, repeat, cells: results }, null, 2)}\n`);
