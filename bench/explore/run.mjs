/**
 * chaos explore's throughput on the asteroids example: executions per second of `runExploration` (built
 * package, `dist/`) with one worker thread and with every core, with handlers isolated (the default: each
 * in its own execution environment) and in-process. Each cell runs the asteroids fault space plus N
 * Monte Carlo runs of bench/explore/asteroids.scenarios.yaml (HTTPError on half the attempts).
 *
 *   npm run build && node bench/explore/run.mjs [--runs 20000] [--handlers isolated,in-process] [--json out.json]
 *
 * Figures per cell: `overall` is every execution over the whole call (loading the file and starting
 * the workers included); `steady` counts only the executions between the first and the last progress
 * report (after setup), which is what a long exploration runs at; `per CPU second` divides the
 * executions by the CPU time of the process (every thread, setup included), which other processes on
 * a busy machine change less than they change wall time.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runExploration } from '../../dist/explore/runExploration.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? fallback : args[index + 1];
};
const runs = Number(flag('runs', '20000'));
const handlerModes = flag('handlers', 'isolated,in-process').split(',');
const jsonOut = flag('json', undefined);
const file = fileURLToPath(new URL('./asteroids.scenarios.yaml', import.meta.url));
const cores = availableParallelism();

const cells = [];
for (const handlers of handlerModes) {
  for (const workers of [...new Set([1, cores])]) {
    let first;
    let last;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { report } = await runExploration({
      file,
      workers,
      handlers,
      monteCarlo: runs,
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
    const cell = {
      handlers,
      workers,
      executions: report.executions,
      seconds: Math.round(seconds * 100) / 100,
      overallPerSecond: Math.round(report.executions / seconds),
      steadyPerSecond: Math.round(steady),
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      perCpuSecond: Math.round(report.executions / cpuSeconds),
      succeededShare: series?.outcomes.find((outcome) => outcome.outcome === 'SUCCEEDED')?.share,
    };
    cells.push(cell);
    console.log(
      `${handlers.padEnd(10)} workers ${String(workers).padEnd(2)} ${String(cell.executions).padStart(7)} executions in ${cell.seconds.toFixed(2).padStart(6)} s: overall ${String(cell.overallPerSecond).padStart(6)}/s, steady ${String(cell.steadyPerSecond).padStart(6)}/s; ${cell.cpuSeconds.toFixed(2)} CPU s (all threads), ${String(cell.perCpuSecond).padStart(6)} per CPU second`,
    );
  }
}
console.log(
  `machine: ${cores} cores, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ runs, cores, cells }, null, 2)}\n`);
