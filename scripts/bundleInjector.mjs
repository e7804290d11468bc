// After tsc: each entry of the injector (`sfn-chaos/injector`, the `sfn-chaos-injector` package; the ES module one and
// the CommonJS one) becomes one bundled file, so that a Lambda function's cold start (and each local execution
// environment, whose handlers import it) loads one module instead of ~40: Node's module loaders cost far more per
// module than the code.
//
//   node scripts/bundleInjector.mjs <dist>/injectors/index.js [--keep-shared-errors] [--sourcemap] [--cjs]
//
// The entry is rewritten in place from the tsc output next to it (the other files stay, for the declarations and
// for the code of the main package that imports them directly). Left outside the bundle:
// - @aws-sdk/* and @middy/core: the SDK comes from the Lambda runtime, and the SSM client is imported (required, in
//   the CommonJS build) under a computed name (SsmConfigSource.ts), so esbuild leaves it out here and a user's
//   bundler does too;
// - with --keep-shared-errors (the main package): dist/errors.js (dist/cjs/errors.js), so that the injector's ChaosConfigError is still
//   an InvalidInputError / SfnChaosError of `sfn-chaos` (the CLI picks exit codes by that class).
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the tsc-compiled injector entry `entry` into itself (platform node; `format` 'esm' or, for the
 * CommonJS build, 'cjs').
 *
 * @example
 * await bundleInjector('dist/injectors/index.js', { keepSharedErrors: true, sourcemap: true });
 */
export async function bundleInjector(entry, { keepSharedErrors = false, sourcemap = false, format = 'esm' } = {}) {
  const entryPath = resolve(entry);
  const sharedErrors = resolve(dirname(entryPath), '../errors.js');
  const plugins = keepSharedErrors
    ? [
        {
          name: 'shared-errors',
          setup(esbuild) {
            esbuild.onResolve({ filter: /errors\.js$/ }, (args) => {
              if (resolve(args.resolveDir, args.path) !== sharedErrors) return undefined;
              const path = relative(dirname(entryPath), sharedErrors);
              return { path: path.startsWith('.') ? path : `./${path}`, external: true };
            });
          },
        },
      ]
    : [];
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    external: ['@aws-sdk/*', '@middy/core'],
    plugins,
    write: false,
    outfile: entryPath,
    sourcemap: sourcemap ? 'linked' : false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [entry, ...flags] = process.argv.slice(2);
  if (!entry)
    throw new Error('usage: node scripts/bundleInjector.mjs <dist>/injectors/index.js [--keep-shared-errors] [--sourcemap] [--cjs]');
  await bundleInjector(entry, {
    keepSharedErrors: flags.includes('--keep-shared-errors'),
    sourcemap: flags.includes('--sourcemap'),
    format: flags.includes('--cjs') ? 'cjs' : 'esm',
  });
}
