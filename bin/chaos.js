#!/usr/bin/env node
// dist/cli/bundle/chaos.js is dist/cli/main.js bundled into one file by `npm run build` (scripts/bundleCli.mjs).
import { runCli } from '../dist/cli/bundle/chaos.js';

await runCli();
