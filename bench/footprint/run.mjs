// What a Lambda function carries when it installs the injector without a bundler: the packed
// sfn-chaos-injector package, the whole sfn-chaos package (its sfn-chaos/injector entry), and the peer
// this is compared with, Powertools' logger, each installed alone into an empty project the way a user
// installs it, in one run. Also the time a fresh Node process takes to load each one (a cold start's share).
//
//   npm run build && node bench/footprint/run.mjs [--loads 10] [--json]
//
// Installs run `npm install --prefer-offline`: package tarballs come from npm's cache (which `npm ci` of
// this repository fills) and only the version lists npm needs to resolve ranges are asked of the
// registry, so each install gets what a user installing it today gets.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const loads = Number(args[args.indexOf('--loads') + 1] ?? NaN) || 10;
const asJson = args.includes('--json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'sfn-chaos-footprint-'));

/** `npm pack` of a folder of this repository (without running its scripts: `npm run build` came first). */
function pack(folder) {
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: folder, encoding: 'utf8' });
  return join(work, JSON.parse(out)[0].filename);
}

/** Bytes (apparent size), files and packages of a node_modules tree. */
function measure(dir) {
  let bytes = 0;
  let files = 0;
  let packages = 0;
  const walk = (path, depthInModules) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const isPackage = depthInModules && !entry.name.startsWith('@') && !entry.name.startsWith('.');
        if (isPackage) packages++;
        walk(full, entry.name === 'node_modules' || (depthInModules && entry.name.startsWith('@')));
      } else {
        bytes += lstatSync(full).size;
        files++;
      }
    }
  };
  walk(join(dir, 'node_modules'), true);
  return { bytes, files, packages };
}

/** Median milliseconds for a fresh `node` to load `specifier` in `dir` (CommonJS require, as most functions do). */
function loadTime(dir, specifier) {
  const times = [];
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(specifier)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  for (let i = 0; i < loads; i++) {
    times.push(
      Number(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })),
    );
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function install(name, spec, specifier) {
  const dir = join(work, name.replace(/[^a-z0-9]+/gi, '-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'footprint-probe', private: true }));
  try {
    execFileSync(
      npm,
      ['install', '--prefer-offline', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', spec],
      { cwd: dir, stdio: 'pipe' },
    );
  } catch (error) {
    return { name, error: `not installed (${String(error.stderr ?? error.message).split('\n')[0]})` };
  }
  return { name, ...measure(dir), loadMs: loadTime(dir, specifier) };
}

statSync(join(root, 'packages/injector/dist/injectors/index.js')); // built?
const powertoolsVersion = JSON.parse(readFileSync(join(root, 'node_modules/@aws-lambda-powertools/logger/package.json'), 'utf8')).version;
const rows = [
  install('sfn-chaos-injector', pack(join(root, 'packages/injector')), 'sfn-chaos-injector'),
  install('sfn-chaos (sfn-chaos/injector)', pack(root), 'sfn-chaos/injector'),
  install(
    `@aws-lambda-powertools/logger ${powertoolsVersion}`,
    `@aws-lambda-powertools/logger@${powertoolsVersion}`,
    '@aws-lambda-powertools/logger',
  ),
];
rmSync(work, { recursive: true, force: true });

if (asJson) {
  console.log(JSON.stringify({ node: process.version, rows }, null, 2));
} else {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  console.log(`Installed footprint without a bundler (node ${process.version}; load: median of ${loads} fresh processes)\n`);
  console.log('package                                   size       files  packages  load (require)');
  for (const row of rows) {
    if (row.error) console.log(`${row.name.padEnd(40)}  ${row.error}`);
    else
      console.log(
        `${row.name.padEnd(40)}  ${mb(row.bytes).padStart(9)}  ${String(row.files).padStart(5)}  ${String(row.packages).padStart(8)}  ${row.loadMs.toFixed(1).padStart(6)} ms`,
      );
  }
}
