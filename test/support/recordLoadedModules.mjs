// Preload for child processes of tests: `NODE_OPTIONS="--import <this file>"` with SFN_CHAOS_TEST_LOADED_MODULES
// naming a file. Every module the process (and its worker threads) loads is appended to that file, one per
// line: ES modules and the CommonJS modules they import as they load (the load hook), and every CommonJS
// module in require's cache at exit (the ones CommonJS code required). readLoadedModules() reads it back.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.SFN_CHAOS_TEST_LOADED_MODULES;
if (file) {
  register('./recordLoadedModulesHooks.mjs', { parentURL: import.meta.url, data: { file } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () =>
    appendFileSync(
      file,
      Object.keys(cache)
        .map((path) => `${path}\n`)
        .join(''),
    ),
  );
}
