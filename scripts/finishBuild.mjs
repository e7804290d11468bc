// After tsc: mark dist/cjs as CommonJS, copy the one hand-written CommonJS file the CommonJS build needs, and
// write the validators compiled ahead of time (scripts/standaloneValidators.mjs).
import { copyFileSync, writeFileSync } from 'node:fs';
import { writeStandaloneValidators } from './standaloneValidators.mjs';

writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
copyFileSync('src/jest/importEsm.cjs', 'dist/cjs/jest/importEsm.cjs');
await writeStandaloneValidators();
