// After tsc: mark dist/cjs as CommonJS and copy the one hand-written CommonJS file the CommonJS build needs.
import { copyFileSync, writeFileSync } from 'node:fs';

writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
copyFileSync('src/jest/importEsm.cjs', 'dist/cjs/jest/importEsm.cjs');
