// Writes src/injectors/configValidators.generated.ts from the schemas in the built dist/ (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { configValidatorsSource, GENERATED_PATH } from './configValidators.mjs';

const schemas = await import('../dist/injectors/schema.js');
writeFileSync(GENERATED_PATH, configValidatorsSource(schemas));
console.log(`wrote ${GENERATED_PATH}`);
