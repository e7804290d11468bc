// Wall time of the `chaos` command line in fresh processes, beside `node -e 0` and `chaos --version`:
//
//   npm run build && node bench/startup/run.mjs [--runs 10] [--json] [--before DIR]
//
// --before DIR also runs the same commands in DIR, another checkout of sfn-chaos with its own build (for
// instance `git archive <commit> | tar -x -C DIR`, node_modules linked, then its build), in the same rounds,
// so that a before/after comparison shares the machine's load.
// Each command runs --runs times (default 10) as a new `node` process, the commands taking turns in rounds
// so that a slow stretch of the machine hits them all alike; the time of one run is process.hrtime.bigint()
// around spawnSync, from spawn to exit. Printed: the median and the fastest and slowest run, and the median
// minus `node -e 0` (what the command itself costs on top of starting Node). For `chaos run`, also the time its
// summary line gives for the scenarios themselves ("… of execution time in 466 ms"), the rest being startup:
// loading modules, reading and checking the scenario file, definitions and templates.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? Number.NaN) || 10;
const asJson = args.includes('--json');
const beforeIndex = args.indexOf('--before');
const before = beforeIndex >= 0 ? args[beforeIndex + 1] : undefined;

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' };
delete env.NODE_OPTIONS;

const checkoutCommands = (cwd, label) => [
  { name: `node bin/chaos.js --version${label}`, argv: ['bin/chaos.js', '--version'], cwd },
  { name: `node bin/chaos.js run scenarios.yaml${label}`, argv: ['bin/chaos.js', 'run', 'scenarios.yaml'], cwd, run: true },
  { name: `import 'sfn-chaos'${label}`, argv: ['--input-type=module', '-e', "await import('sfn-chaos')"], cwd },
  { name: `import 'sfn-chaos/jest'${label}`, argv: ['--input-type=module', '-e', "await import('sfn-chaos/jest')"], cwd },
  { name: `import 'sfn-chaos/aws'${label}`, argv: ['--input-type=module', '-e', "await import('sfn-chaos/aws')"], cwd },
  { name: `require('sfn-chaos/jest')${label}`, argv: ['-e', "require('sfn-chaos/jest')"], cwd },
];
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'], cwd: root },
  ...checkoutCommands(root, ''),
  ...(before === undefined ? [] : checkoutCommands(before, ` (in ${before})`)),
];

function runOnce(command) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, command.argv, { cwd: command.cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command.name} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  const scenarios = / of execution time in ([\d.]+) (ms|s)\n/.exec(result.stdout);
  if (command.run && scenarios) command.scenarioMs.push(Number(scenarios[1]) * (scenarios[2] === 's' ? 1000 : 1));
  return ms;
}
for (const command of commands) command.scenarioMs = [];

const samples = commands.map(() => []);
for (const command of commands) runOnce(command); // warm the file cache once
for (const command of commands) command.scenarioMs.length = 0;
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
const scenarioWork = commands
  .filter((command) => command.run)
  .map((command) => ({ command: command.name, scenariosMedianMs: Math.round(median(command.scenarioMs)) }));
if (asJson) {
  console.log(JSON.stringify({ environment, rows, scenarioWork }, null, 2));
} else {
  console.log(`Node ${environment.node} on ${environment.platform}; ${runs} fresh processes per command, in rounds`);
  console.log('| command | median ms | fastest ms | slowest ms | median minus `node -e 0` ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.command} | ${row.medianMs} | ${row.minMs} | ${row.maxMs} | ${row.overNodeMs} |`);
  for (const { command, scenariosMedianMs } of scenarioWork)
    console.log(`\n${command}: the scenarios themselves took ${scenariosMedianMs} ms (median of its summary lines); the rest is startup.`);
}
