import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../scenarios/publishedSchemas.js';

const run = promisify(execFile);

/**
 * Runs `executions` executions of `definition` one after the other (as `chaos explore` and the engine bench
 * do), and after every `every` of them a young-generation collection (`gc({ type: 'minor' })`), and prints
 * the largest young-generation heap left behind by one, in bytes. Between two executions nothing of the
 * last one is in use any more, so what such a collection keeps is kept only because some object, dead or
 * alive, in the old generation still points at it. Uses the built dist/: `npm run build` first.
 */
async function youngSurvivorBytes(definition: object, executions = 12_000, every = 2_000): Promise<number> {
  const script = `
    const { getHeapSpaceStatistics } = await import('node:v8');
    const { runExecution } = await import(${JSON.stringify(join(packageRoot, 'dist', 'index.js'))});
    const definition = ${JSON.stringify(definition)};
    const fn = { name: 'f', arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', invoke: async (event) => ({ seen: event }) };
    const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_used_size;
    let largest = 0;
    for (let index = 0; index < ${executions}; index++) {
      const result = await runExecution({ definition, input: { index }, executionName: 'run-' + index, startTime: new Date(0), functions: () => fn });
      if (result.status !== 'SUCCEEDED') throw new Error(result.status);
      if (index % ${every} === ${every - 1}) {
        globalThis.gc({ type: 'minor' });
        largest = Math.max(largest, young());
      }
    }
    console.log(largest);
  `;
  const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: packageRoot });
  return Number(stdout.trim());
}

describe('Engine: what an execution leaves to the young generation', () => {
  // Each execution's scope used to be an object literal with a getter: a hidden class per scope, held by its
  // parent class's transitions, kept every scope's closure (and so the whole execution) through every
  // young-generation collection until the next full one: 2-8 MB of finished executions copied at each of them.
  it('leaves nothing of a finished execution for the next young-generation collection to copy', async () => {
    const passes = await youngSurvivorBytes({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } } });
    const task = await youngSurvivorBytes({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', Next: 'P' },
        P: { Type: 'Pass', End: true },
      },
    });
    expect(passes).toBeLessThan(512 * 1024);
    expect(task).toBeLessThan(512 * 1024);
  }, 60_000);

  // A branch's scope is a copy of its parent's: a getter there would do the same to every branch.
  it('leaves nothing of a finished execution whose states ran in Parallel branches', async () => {
    const branches = await youngSurvivorBytes({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } } },
          ],
          End: true,
        },
      },
    });
    expect(branches).toBeLessThan(512 * 1024);
  }, 60_000);
});
