/**
 * Before/after for sfn-chaos alone: this checkout's built engine against another checkout's (an older
 * commit with its own `npm run build`), in one process, executions alternating between the two (and
 * which goes first), so that load on a shared machine and the JIT's state hit both alike. Prints the
 * mean CPU time per execution (process CPU: the GC's threads too) of each and their ratio.
 *
 * Both builds share one heap, so a change to what the garbage collector has to keep or copy shows on both
 * sides (the old build's leftovers are collected on the new build's time too): measure such a change with
 * run.mjs or measureCell.mjs, which give each build processes of its own.
 *
 *   npm run build && node bench/engine/compareBuilds.mjs --baseline ../old-checkout [--budget-ms 3000] [workload …]
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSfnChaosEngine, sfnChaosEngine } from './engines/sfnChaosEngine.mjs';
import { workloadLoaders } from './workloads/index.mjs';

const { values: options, positionals } = parseArgs({
  options: { baseline: { type: 'string' }, 'budget-ms': { type: 'string', default: '3000' } },
  allowPositionals: true,
});
if (!options.baseline) {
  console.error('usage: node bench/engine/compareBuilds.mjs --baseline DIR [--budget-ms 3000] [workload …]');
  process.exit(2);
}
const baseline = createSfnChaosEngine('sfn-chaos-baseline', await import(pathToFileURL(resolve(options.baseline, 'dist/index.js')).href));
const budgetMs = Number(options['budget-ms']);
const workloadIds = positionals.length > 0 ? positionals : Object.keys(workloadLoaders);

console.log('| workload | baseline CPU ms | sfn-chaos CPU ms | baseline/sfn-chaos | executions each |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const id of workloadIds) {
  const workload = await workloadLoaders[id]();
  const before = await baseline.prepare(workload, {});
  const after = await sfnChaosEngine.prepare(workload, {});
  const cpu = { before: 0, after: 0 };
  const timed = async (prepared, side) => {
    const start = process.cpuUsage();
    await prepared.runOnce();
    const spent = process.cpuUsage(start);
    if (side) cpu[side] += (spent.user + spent.system) / 1000;
  };
  // Warm-up, then alternate, each side going first half of the time.
  const warmUpEnd = performance.now() + budgetMs / 5;
  while (performance.now() < warmUpEnd) {
    await timed(before);
    await timed(after);
  }
  let executions = 0;
  const end = performance.now() + budgetMs;
  while (executions < 4 || performance.now() < end) {
    if (executions % 2 === 0) {
      await timed(before, 'before');
      await timed(after, 'after');
    } else {
      await timed(after, 'after');
      await timed(before, 'before');
    }
    executions += 1;
  }
  const beforeMs = cpu.before / executions;
  const afterMs = cpu.after / executions;
  console.log(`| ${id} | ${beforeMs.toFixed(4)} | ${afterMs.toFixed(4)} | ${(beforeMs / afterMs).toFixed(2)}× | ${executions} |`);
  before.dispose();
  after.dispose();
}
