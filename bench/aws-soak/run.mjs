/**
 * AWS target soak: `chaos run scenarios.yaml --target aws` against the local AWS endpoint
 * (test/support/awsEndpoint), once without failures and then once per seed with a share of the calls
 * failing as AWS fails (throttled, 500, 503, connection reset, stalled; some after the call took effect).
 * Each seeded run's per-scenario verdicts, errors and attempt counts are compared with the clean run's,
 * and after every run the endpoint is checked for faults left armed and executions left running.
 *
 *   npm run build && node bench/aws-soak/run.mjs [--seeds 10] [--rate 0.3] [--stall-ms 5000] [--file scenarios.yaml]
 *
 * Exit code 0 when nothing was left armed or running after any run; 1 otherwise. Differing verdicts are
 * reported, not counted as a failure of the soak itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compileEndpoint } from './compileEndpoint.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '0.3' },
    'stall-ms': { type: 'string', default: '5000' },
    file: { type: 'string', default: 'scenarios.yaml' },
    account: { type: 'string', default: '123456789012' },
    verbose: { type: 'boolean', default: false },
  },
});
const seeds = Number(values.seeds);
const rate = Number(values.rate);
const stallMs = Number(values['stall-ms']);
const scenarioFile = resolve(root, values.file);

const endpointDir = await compileEndpoint(root);
const { startAwsEndpoint } = await import(pathToFileURL(join(endpointDir, 'index.js')).href);
const { outcomesOf, differences } = await import(pathToFileURL(join(endpointDir, 'compareRuns.js')).href);
const { loadScenarioFile } = await import(pathToFileURL(join(root, 'dist/scenarios/load.js')).href);

/** Runs bin/chaos.js once against a fresh endpoint; resolves with the report and what the endpoint saw. */
async function soakRun(failures) {
  const file = await loadScenarioFile(scenarioFile, { requireHandlers: true });
  const endpoint = await startAwsEndpoint(file, { ssmFunctions: ['checkProductAvailability'], stallMs, ...(failures ? { failures } : {}) });
  const out = join(mkdtempSync(join(tmpdir(), 'sfn-chaos-aws-soak-')), 'report.json');
  const began = Date.now();
  const args = [
    'bin/chaos.js',
    'run',
    scenarioFile,
    '--target',
    'aws',
    '--allow-account',
    values.account,
    '--region',
    'us-east-1',
    '--reporter',
    'json',
    '--out',
    out,
  ];
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_ACCESS_KEY_ID: 'AKIDSOAKBENCH',
    AWS_SECRET_ACCESS_KEY: 'soak-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  delete env.AWS_PROFILE;
  let console = '';
  const code = await new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (console += chunk));
    child.stderr.on('data', (chunk) => (console += chunk));
    child.on('close', done);
  });
  const wallMs = Date.now() - began;
  // Give executions a moment to settle before the leftovers are read (nothing should be in flight).
  const stats = endpoint.stats();
  const armed = endpoint.world.leftArmed();
  const running = endpoint.world.leftRunning();
  const unobserved = endpoint.world.unobserved();
  await endpoint.close();
  let outcomes = [];
  try {
    outcomes = outcomesOf(JSON.parse(readFileSync(out, 'utf8')));
  } catch (error) {
    console += `\n(no report: ${error.message})`;
  }
  return { code, console, wallMs, stats, armed, running, unobserved, outcomes };
}

const rows = [];
const clean = await soakRun(undefined);
process.stdout.write(
  `clean run: exit ${clean.code}, ${clean.stats.calls} calls, ${(clean.wallMs / 1000).toFixed(1)} s, armed ${clean.armed.length}, running ${clean.running.length}\n`,
);
for (const outcome of clean.outcomes)
  process.stdout.write(`  ${outcome.verdict.padEnd(6)} ${outcome.name}${outcome.error ? ` — ${outcome.error}` : ''}\n`);
if (values.verbose) process.stdout.write(clean.console);
let identical = 0;
let leftovers = clean.armed.length + clean.running.length;
for (let seed = 1; seed <= seeds; seed += 1) {
  const run = await soakRun({ seed, rate });
  const diff = differences(clean.outcomes, run.outcomes);
  if (diff.length === 0) identical += 1;
  leftovers += run.armed.length + run.running.length;
  rows.push({ seed, run, diff });
  process.stdout.write(`seed ${seed} done (${(run.wallMs / 1000).toFixed(1)} s)\n`);
  if (values.verbose) process.stdout.write(run.console);
}

const header = ['seed', 'calls', 'injected', 'lost answers', 'identical', 'left armed', 'left running', 'unobserved', 'wall s'];
const table = rows.map(({ seed, run, diff }) => [
  String(seed),
  String(run.stats.calls),
  `${run.stats.injected} (${Object.entries(run.stats.byKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')})`,
  String(run.stats.lostAnswers),
  diff.length === 0 ? 'yes' : `no (${diff.length})`,
  String(run.armed.length),
  String(run.running.length),
  String(run.unobserved.length),
  (run.wallMs / 1000).toFixed(1),
]);
const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
process.stdout.write(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}\n${table.map(line).join('\n')}\n`);
process.stdout.write(
  `\nidentical in ${identical} of ${seeds} (rate ${rate}, stall ${stallMs} ms); clean run ${(clean.wallMs / 1000).toFixed(1)} s\n`,
);
for (const { seed, run, diff } of rows) {
  for (const text of diff) process.stdout.write(`seed ${seed}: ${text}\n`);
  for (const text of run.armed) process.stdout.write(`seed ${seed}: left armed: ${text}\n`);
  for (const text of run.running) process.stdout.write(`seed ${seed}: left running: ${text}\n`);
  for (const text of run.unobserved) process.stdout.write(`seed ${seed}: execution never read to its end nor stopped: ${text}\n`);
}
process.exitCode = leftovers === 0 ? 0 : 1;
