// Added time per invocation on the no-fault path: a bare async handler, the same handler behind
// sfn-chaos's withChaos (with its config cached), and behind failure-lambda's wrapper, in one run.
//
//   npm run build && node bench/injector/run.mjs [--iterations 200000] [--json]
//
// Every variant calls the same handler with the same event and context; the time of one invocation
// is taken with process.hrtime.bigint() around `await wrapped(event, context)`. Variants take turns
// in rounds, so that a slow stretch of the machine hits them all alike. "Added" is the variant's
// percentile minus the bare handler's percentile.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const iterations = Number(args[args.indexOf('--iterations') + 1] ?? NaN) || 200_000;
const asJson = args.includes('--json');
const ROUNDS = 20;
const WARM_UP = 20_000;

// Nothing here may reach the network: no AWS endpoint is called by any variant.
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY ??= 'bench-only';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
delete process.env.SFN_CHAOS_CONFIG;
delete process.env.SFN_CHAOS_SSM_PARAMETER;
delete process.env.SFN_CHAOS_DISABLED;

const { withChaos } = await import('../../dist/index.js');

const event = { orderId: 'order-1001', amount: 42, RetryCount: 0 };
const context = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'charge-order',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:charge-order',
  memoryLimitInMB: '128',
  getRemainingTimeInMillis: () => 2750,
};
const bare = async (input) => ({ orderId: input.orderId, charged: input.amount });

/** An SSM client answering from memory, so the cached value is real but no request is made. */
function inMemorySsm(value) {
  return { send: async () => ({ Parameter: { Name: '/bench/config', Type: 'String', Value: JSON.stringify(value), Version: 1 } }) };
}
const expiresAt = new Date(Date.now() + 3_600_000).toISOString();

// failure-lambda reads its config on every invocation: from SSM when FAILURE_INJECTION_PARAM is set.
// Its module-level `new aws.SSM()` shares the service prototype, so patching `getParameter` there
// answers from memory with a disabled config: the wrapper's own work is measured, not a network call.
const aws = require('aws-sdk');
aws.SSM.prototype.getParameter = function getParameterFromMemory() {
  return { promise: async () => ({ Parameter: { Value: '{"isEnabled":false,"failureMode":"exception","rate":1}' } }) };
};
process.env.FAILURE_INJECTION_PARAM = '/bench/failure-lambda';
const injectFailure = require('failure-lambda');

const variants = [
  ['bare handler', bare],
  ['withChaos, nothing armed (no config source)', withChaos(bare)],
  [
    'withChaos, SSM config cached, disarmed (faults: [])',
    withChaos(bare, { ssm: { parameterName: '/bench/config', client: inMemorySsm({ faults: [] }), ttlMs: 3_600_000 } }),
  ],
  [
    'withChaos, SSM config cached, armed, no fault fires (attempts: [3])',
    withChaos(bare, {
      ssm: {
        parameterName: '/bench/config',
        client: inMemorySsm({ expiresAt, faults: [{ kind: 'error', errorName: 'PaymentGatewayError', attempts: [3] }] }),
        ttlMs: 3_600_000,
      },
    }),
  ],
  ['failure-lambda, SSM config (in memory), isEnabled: false', injectFailure(bare)],
];

// Sanity and first reads (the first SSM read is awaited by the first invocation).
for (const [name, handler] of variants) {
  const result = await handler(event, context);
  if (result?.charged !== 42) throw new Error(`${name} did not return the handler's result`);
}

const samples = variants.map(() => new Float64Array(iterations));
async function measure(index, from, to) {
  const handler = variants[index][1];
  const times = samples[index];
  for (let i = from; i < to; i++) {
    const start = process.hrtime.bigint();
    await handler(event, context);
    times[i] = Number(process.hrtime.bigint() - start);
  }
}

const silence = console.log;
console.log = () => undefined; // failure-lambda logs nothing on this path, but be sure no I/O is timed
for (let index = 0; index < variants.length; index++) {
  const warm = new Float64Array(WARM_UP);
  const handler = variants[index][1];
  for (let i = 0; i < WARM_UP; i++) {
    const start = process.hrtime.bigint();
    await handler(event, context);
    warm[i] = Number(process.hrtime.bigint() - start);
  }
}
const started = performance.now();
const perRound = Math.ceil(iterations / ROUNDS);
for (let round = 0; round < ROUNDS; round++) {
  const from = round * perRound;
  const to = Math.min(iterations, from + perRound);
  for (let index = 0; index < variants.length; index++) await measure(index, from, to);
}
console.log = silence;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const stats = samples.map((times) => {
  const sorted = Float64Array.from(times).sort();
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9) };
});
const base = stats[0];
const rows = variants.map(([name], index) => ({
  variant: name,
  medianNs: stats[index].p50,
  p90Ns: stats[index].p90,
  p99Ns: stats[index].p99,
  p999Ns: stats[index].p999,
  addedMedianNs: stats[index].p50 - base.p50,
  addedP99Ns: stats[index].p99 - base.p99,
}));

const environment = { node: process.version, platform: `${process.platform} ${process.arch}`, iterations, rounds: ROUNDS, warmUp: WARM_UP };
if (asJson) {
  console.log(JSON.stringify({ environment, rows }, null, 2));
} else {
  console.log(
    `Node ${environment.node} on ${environment.platform}; ${iterations} invocations per variant in ${ROUNDS} rounds, ${WARM_UP} warm-up; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log('| variant | median ns | p90 ns | p99 ns | p99.9 ns | added median ns | added p99 ns |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.variant} | ${row.medianNs} | ${row.p90Ns} | ${row.p99Ns} | ${row.p999Ns} | ${row.addedMedianNs} | ${row.addedP99Ns} |`,
    );
  }
  const withChaosAdded = Math.max(...rows.slice(1, 4).map((row) => row.addedMedianNs));
  const failureLambdaAdded = rows[4].addedMedianNs;
  console.log(
    `\nwithChaos adds at most ${withChaosAdded} ns (median); failure-lambda adds ${failureLambdaAdded} ns: ${(failureLambdaAdded / Math.max(1, withChaosAdded)).toFixed(1)}x.`,
  );
}
