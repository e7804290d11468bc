// A Lambda function's cold start with the injector: importing it in a fresh process, beside importing
// @middy/core alone, with and without the kill switch; and the size of an esbuild bundle of a wrapped handler.
//
//   npm run build && node bench/coldstart/run.mjs [--runs 10] [--json]
//
// Import: each variant runs --runs times (default 10) as a new `node` process, variants taking turns in rounds;
// the child measures process.hrtime.bigint() around `await import(...)` (or require), then wraps a handler and
// invokes it once (the first invocation, where the config is read and checked) and prints both times. The
// variants with a config set SFN_CHAOS_CONFIG to an armed config whose fault never fires (attempts: [99]).
//
// Bundle: esbuild (bundle, minify, platform node, ESM) of examples-like handlers importing sfn-chaos-injector:
// the minified size, and whether any @aws-sdk or @smithy module is inside (from esbuild's metafile).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? Number.NaN) || 10;
const asJson = args.includes('--json');

const armed = JSON.stringify({
  expiresAt: '2099-01-01T00:00:00Z',
  faults: [{ kind: 'error', errorName: 'PaymentGatewayError', attempts: [99] }],
});
const event = '{ orderId: "order-1001", RetryCount: 0 }';
const context = '{ awsRequestId: "r-1", functionName: "charge-order", getRemainingTimeInMillis: () => 2750 }';
const timed = (load, wrap) => `
const started = process.hrtime.bigint();
const module = ${load};
const imported = process.hrtime.bigint();
const handler = ${wrap};
await handler(${event}, ${context});
const invoked = process.hrtime.bigint();
console.log(JSON.stringify({ importMs: Number(imported - started) / 1e6, firstInvokeMs: Number(invoked - imported) / 1e6 }));`;

const esm = (specifier, wrap) => ({ argv: ['--input-type=module', '-e', timed(`await import('${specifier}')`, wrap)] });
const cjs = (specifier, wrap) => ({
  argv: [
    '--input-type=module',
    '-e',
    `import { createRequire } from 'node:module'; const require = createRequire('${root}');${timed(`require('${specifier}')`, wrap)}`,
  ],
});
const bare = 'async () => ({ ok: true })';
const variants = [
  { name: '@middy/core alone', ...esm('@middy/core', `module.default(${bare})`), env: {} },
  { name: 'sfn-chaos-injector, no config', ...esm('sfn-chaos-injector', `module.withChaos(${bare})`), env: {} },
  {
    name: 'sfn-chaos-injector, SFN_CHAOS_CONFIG armed',
    ...esm('sfn-chaos-injector', `module.withChaos(${bare})`),
    env: { SFN_CHAOS_CONFIG: armed },
  },
  {
    name: 'sfn-chaos-injector, SFN_CHAOS_CONFIG armed, SFN_CHAOS_DISABLED=true',
    ...esm('sfn-chaos-injector', `module.withChaos(${bare})`),
    env: { SFN_CHAOS_CONFIG: armed, SFN_CHAOS_DISABLED: 'true' },
  },
  { name: 'sfn-chaos/injector, no config', ...esm('sfn-chaos/injector', `module.withChaos(${bare})`), env: {} },
  { name: "require('sfn-chaos-injector'), no config", ...cjs('sfn-chaos-injector', `module.withChaos(${bare})`), env: {} },
];

const baseEnv = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const name of ['NODE_OPTIONS', 'SFN_CHAOS_CONFIG', 'SFN_CHAOS_DISABLED', 'SFN_CHAOS_SSM_PARAMETER']) delete baseEnv[name];

function runOnce(variant) {
  const result = spawnSync(process.execPath, variant.argv, { cwd: root, env: { ...baseEnv, ...variant.env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${variant.name} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

const samples = variants.map(() => []);
for (const variant of variants) runOnce(variant); // warm the file cache once
for (let round = 0; round < runs; round++) {
  for (const [index, variant] of variants.entries()) samples[index].push(runOnce(variant));
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round1 = (value) => Math.round(value * 10) / 10;
const importRows = variants.map((variant, index) => ({
  variant: variant.name,
  importMedianMs: round1(median(samples[index].map((sample) => sample.importMs))),
  importMaxMs: round1(Math.max(...samples[index].map((sample) => sample.importMs))),
  firstInvokeMedianMs: round1(median(samples[index].map((sample) => sample.firstInvokeMs))),
}));

// Bundles.
const work = mkdtempSync(join(tmpdir(), 'sfn-chaos-coldstart-'));
const handlers = [
  {
    name: 'withChaos(handler), config from SFN_CHAOS_CONFIG',
    source: "import { withChaos } from 'sfn-chaos-injector';\nexport const handler = withChaos(async (event) => ({ ok: true, event }));\n",
  },
  {
    name: 'withChaos(handler, { ssm: { parameterName } })',
    source:
      "import { withChaos } from 'sfn-chaos-injector';\nexport const handler = withChaos(async (event) => ({ ok: true, event }), { ssm: { parameterName: '/chaos/charge-order' } });\n",
  },
  {
    name: 'middy(handler).use(chaosMiddleware())',
    source:
      "import middy from '@middy/core';\nimport { chaosMiddleware } from 'sfn-chaos-injector';\nexport const handler = middy(async (event) => ({ ok: true, event })).use(chaosMiddleware());\n",
  },
];
const bundleRows = [];
try {
  for (const [index, handler] of handlers.entries()) {
    const entry = join(work, `handler${index}.mjs`);
    writeFileSync(entry, handler.source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
      nodePaths: [join(root, 'node_modules')],
      outfile: join(work, `out${index}.mjs`),
    });
    const inputs = Object.keys(result.metafile.inputs);
    const sdkInputs = inputs.filter((input) => /node_modules\/@(aws-sdk|smithy)\//.test(input));
    const output = result.outputFiles[0].text;
    bundleRows.push({
      handler: handler.name,
      minifiedBytes: Buffer.byteLength(output),
      sdkModulesInside: sdkInputs.length,
      loadsSsmAtRunTime: output.includes('client-ssm'),
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const environment = { node: process.version, platform: `${process.platform} ${process.arch}`, runs };
if (asJson) {
  console.log(JSON.stringify({ environment, importRows, bundleRows }, null, 2));
} else {
  console.log(`Node ${environment.node} on ${environment.platform}; ${runs} fresh processes per variant, in rounds`);
  console.log('| variant | import median ms | import slowest ms | first invocation median ms |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of importRows) console.log(`| ${row.variant} | ${row.importMedianMs} | ${row.importMaxMs} | ${row.firstInvokeMedianMs} |`);
  console.log('\nesbuild --bundle --minify --platform=node --format=esm:');
  console.log('| handler | minified KB | @aws-sdk/@smithy modules inside | imports client-ssm at run time, when a parameter is named |');
  console.log('| --- | ---: | ---: | --- |');
  for (const row of bundleRows)
    console.log(
      `| ${row.handler} | ${(row.minifiedBytes / 1024).toFixed(1)} | ${row.sdkModulesInside} | ${row.loadsSsmAtRunTime ? 'yes' : 'no'} |`,
    );
}
