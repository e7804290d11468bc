import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { FIXTURES } from './workspace.js';

describe('Function: loadScenarioFile, onHandler', () => {
  it("is told each function's local handler, from the file's handler: or from the template's code", async () => {
    for (const folder of ['definition', 'sam']) {
      const told: { file: string; exportName: string }[] = [];
      const file = await loadScenarioFile('scenarios.yaml', { cwd: join(FIXTURES, folder), onHandler: (handler) => told.push(handler) });
      const handlers = Object.values(file.stateMachines).flatMap((spec) =>
        spec.functions.map((fn) => ({ file: fn.handlerFile, exportName: fn.handlerExport })),
      );
      expect(handlers.length).toBeGreaterThan(0);
      expect(told).toEqual(handlers);
    }
  });
});
