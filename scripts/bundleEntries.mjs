// After tsc: the package's entries become an esbuild bundle in dist/bundle/, with chunks they share: chaos.js, the
// main thread of the `chaos` command line (dist/cli/main.js), which bin/chaos.js loads, with a chunk per lazily
// loaded command; exploreWorker.js, the worker threads of `chaos explore`; and the library's entries `sfn-chaos`
// (index.js), `sfn-chaos/jest` (jest.js) and `sfn-chaos/aws` (aws.js), which package.json's exports point at.
// Node's ES module loader costs far more per module (resolve, open, stat, read, compile) than the code: a run of
// the command line loads ~300, `import 'sfn-chaos'` 227. One build for all of them, so that every entry uses the
// same instance of each module (its classes, symbols and registries), whichever entries a program imports.
//
//   node scripts/bundleEntries.mjs
//
// Kept as they are in dist/ (the bundle imports them by relative path, so that they stay one module each,
// shared with what loads them outside the bundle):
// - dist/injectors/index.js (itself one bundle) and dist/errors.js: a handler's `sfn-chaos/injector` is the same
//   module as the command line's, and its errors the same classes (the command line picks exit codes by class);
// - @aws-sdk/*: loaded only with --target aws (or by `sfn-chaos/aws`), from node_modules.
// Each `import.meta.url` of a dist/ file is rewritten to that file's own URL (relative to the bundle), so that what
// it finds next to itself (the validators compiled at build time, worker modules, package.json) is found as before;
// yargs' (its platform shim's) becomes the URL of that file where yargs is installed, which it reads its locales and
// the package root (for --version) from.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const dist = resolve('dist');
const outdir = resolve(dist, 'bundle');
const keptAsModules = new Set([resolve(dist, 'injectors/index.js'), resolve(dist, 'errors.js')]);

const relativeToBundle = (path) => {
  const rel = relative(outdir, path).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

/**
 * Writes dist/bundle/ (the entries and their chunks) from the tsc output in dist/.
 *
 * @example
 * await bundleEntries();
 */
export async function bundleEntries() {
  const result = await build({
    // The command line, the worker threads of `chaos explore`, and the library's three entries (they share the chunks).
    entryPoints: {
      chaos: resolve(dist, 'cli/main.js'),
      exploreWorker: resolve(dist, 'explore/exploreWorker.js'),
      index: resolve(dist, 'index.js'),
      jest: resolve(dist, 'jest/index.js'),
      aws: resolve(dist, 'targets/aws/index.js'),
      // What the CommonJS build of `sfn-chaos/jest` imports when its first scenario runs (src/jest/commonjs.ts).
      scenarioRunner: resolve(dist, 'jest/scenarioRunner.js'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@aws-sdk/*'],
    // `require` for the CommonJS packages inside (their require('fs') and the like); __bundleRequire for yargs' URL below.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst __bundleRequire = __bundleCreateRequire(import.meta.url);\nconst require = __bundleRequire;",
    },
    plugins: [
      {
        name: 'kept-modules',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
            const path = resolve(args.resolveDir, args.path);
            return keptAsModules.has(path) ? { path: relativeToBundle(path), external: true } : undefined;
          });
          esbuild.onLoad({ filter: /\.m?js$/ }, (args) => {
            const yargsFile = /\/node_modules\/yargs\/(.*)$/.exec(args.path)?.[1];
            if (!args.path.startsWith(`${dist}/`) && yargsFile === undefined) return undefined;
            const source = readFileSync(args.path, 'utf8');
            if (!source.includes('import.meta.url')) return undefined;
            // yargs finds its locales and the package root from its own file's URL: that file where yargs is installed.
            const ownUrl =
              yargsFile === undefined
                ? `new URL(${JSON.stringify(relativeToBundle(args.path))}, import.meta.url).href`
                : `new URL(${JSON.stringify(`./${yargsFile}`)}, __bundleRequire('node:url').pathToFileURL(__bundleRequire.resolve('yargs/package.json'))).href`;
            return { contents: source.replaceAll('import.meta.url', `(${ownUrl})`), loader: 'js', resolveDir: dirname(args.path) };
          });
        },
      },
    ],
    metafile: true,
    sourcemap: 'linked',
    write: false,
    outdir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    entryNames: '[name]',
    legalComments: 'none',
    logLevel: 'warning',
  });
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
  // Which files of the repository each chunk holds (paths relative to the package root), for the tests that check
  // what a command loads (test/support/loadedModules.ts).
  const inputsOf = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([output]) => output.endsWith('.js'))
      .map(([output, { inputs }]) => [relative(outdir, resolve(output)), Object.keys(inputs)]),
  );
  writeFileSync(resolve(outdir, 'inputs.json'), `${JSON.stringify(inputsOf, null, 1)}\n`);
  return result.metafile;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const metafile = await bundleEntries();
  const inputs = Object.keys(metafile.inputs);
  const withImportMeta = inputs.filter((input) => input.includes('node_modules') && readFileSync(input, 'utf8').includes('import.meta'));
  console.log(`${inputs.length} modules bundled; node_modules files using import.meta: ${withImportMeta.join(', ') || 'none'}`);
}
