'use strict';
// A real dynamic import() in a CommonJS file. TypeScript's CommonJS output turns import() into require(), and
// jest's require cannot load ES modules on Node 20, so the CommonJS build of sfn-chaos/jest loads the engine
// through this file, which the build copies as it is.
exports.importEsm = (specifier) => import(specifier);
