// After tsc: mark dist/cjs as CommonJS, copy the one hand-written CommonJS file the CommonJS build needs,
// write the validators compiled ahead of time (scripts/standaloneValidators.mjs), and make each entry of
// `sfn-chaos/injector` (ES module and CommonJS) one bundled file (scripts/bundleInjector.mjs), and the command
// line's main thread and the library's entries one bundle with shared chunks (dist/bundle/, scripts/bundleEntries.mjs).
import { copyFileSync, writeFileSync } from 'node:fs';
import { bundleEntries } from './bundleEntries.mjs';
import { bundleInjector } from './bundleInjector.mjs';
import { writeStandaloneValidators } from './standaloneValidators.mjs';

writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
copyFileSync('src/jest/importEsm.cjs', 'dist/cjs/jest/importEsm.cjs');
await writeStandaloneValidators();
await bundleInjector('dist/injectors/index.js', { keepSharedErrors: true, sourcemap: true });
await bundleInjector('dist/cjs/injectors/index.js', { keepSharedErrors: true, sourcemap: true, format: 'cjs' });
await bundleEntries();
