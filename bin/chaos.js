#!/usr/bin/env node
// dist/bundle/chaos.js is dist/cli/main.js bundled by `npm run build` (scripts/bundleEntries.mjs).
import { runCli } from '../dist/bundle/chaos.js';

await runCli();
