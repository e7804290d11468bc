// Wall time of the `chaos` command line in fresh processes, beside `node -e 0` and `chaos --version`:
//
//   npm run build && node bench/startup/run.mjs [--runs 10] [--json]
//
// Each command runs --runs times (default 10) as a new `node` process, the commands taking turns in rounds
// so that a slow stretch of the machine hits them all alike; the time of one run is process.hrtime.bigint()
// around spawnSync, from spawn to exit. Printed: the median and the fastest and slowest run, and the median
// minus `node -e 0` (what the command itself costs on top of starting Node).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? Number.NaN) || 10;
const asJson = args.includes('--json');

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
delete env.NODE_OPTIONS;

const commands = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'node bin/chaos.js --version', argv: ['bin/chaos.js', '--version'] },
  { name: 'node bin/chaos.js run scenarios.yaml', argv: ['bin/chaos.js', 'run', 'scenarios.yaml'] },
  { name: "import 'sfn-chaos/jest'", argv: ['--input-type=module', '-e', "await import('sfn-chaos/jest')"] },
  { name: "require('sfn-chaos/jest')", argv: ['-e', "require('sfn-chaos/jest')"] },
];

function runOnce(command) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command.argv, { cwd: root, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command.name} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return ms;
}

const samples = commands.map(() => []);
for (const command of commands) runOnce(command); // warm the file cache once
for (let round = 0; round < runs; round++) {
  for (const [index, command] of commands.entries()) samples[index].push(runOnce(command));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const baseline = median(samples[0]);
const rows = commands.map((command, index) => ({
  command: command.name,
  medianMs: Math.round(median(samples[index])),
  minMs: Math.round(Math.min(...samples[index])),
  maxMs: Math.round(Math.max(...samples[index])),
  overNodeMs: Math.round(median(samples[index]) - baseline),
}));
const environment = { node: process.version, platform: `${process.platform} ${process.arch}`, runs };
if (asJson) {
  console.log(JSON.stringify({ environment, rows }, null, 2));
} else {
  console.log(`Node ${environment.node} on ${environment.platform}; ${runs} fresh processes per command, in rounds`);
  console.log('| command | median ms | fastest ms | slowest ms | median minus `node -e 0` ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.command} | ${row.medianMs} | ${row.minMs} | ${row.maxMs} | ${row.overNodeMs} |`);
}
