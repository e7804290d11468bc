import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packageRoot } from '../scenarios/publishedSchemas.js';

const run = promisify(execFile);

/**
 * Script lines that import the built dist/'s `runExecution` and define `arn` and `States`: a chain of
 * `count` states, Pass and Task alternating (a Pass first), the Tasks calling function `arn`.
 */
function chainScriptPrelude(count: number): string {
  return `
    const { runExecution } = await import(${JSON.stringify(join(packageRoot, 'dist', 'index.js'))});
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    const States = {};
    for (let index = 0; index < ${count}; index++) {
      const state = index % 2 === 1 ? { Type: 'Task', Resource: arn } : { Type: 'Pass' };
      if (index === ${count - 1}) state.End = true;
      else state.Next = 'S' + (index + 1);
      States['S' + index] = state;
    }
  `;
}

/**
 * Heap bytes an execution holds per history event while it runs: a chain of 4,000 Pass and Task
 * states whose handler, at every 100th Task from the 200th on, runs a full collection and reads the
 * heap in use; the figure is the slope of a least-squares line through those readings (the columns'
 * capacity grows in steps, which a line through 17 points evens out). Uses the built dist/:
 * `npm run build` first.
 */
async function heldBytesPerEvent(): Promise<number> {
  const script = `
    const { getHeapSpaceStatistics } = await import('node:v8');
    ${chainScriptPrelude(4000)}
    const spaces = new Set(['old_space', 'new_space', 'large_object_space', 'new_large_object_space']);
    const used = () => getHeapSpaceStatistics().filter((space) => spaces.has(space.space_name)).reduce((sum, space) => sum + space.space_used_size, 0);
    const events = [];
    const bytes = [];
    const invoke = async (event) => {
      if (event.step >= 200 && event.step % 100 === 0) {
        globalThis.gc();
        events.push(event.step * 7); // each Pass and Task pair writes 7 events
        bytes.push(used());
      }
      return { step: event.step + 1 };
    };
    const result = await runExecution({
      definition: { StartAt: 'S0', States },
      input: { step: 0 },
      executionName: 'footprint',
      startTime: new Date(0),
      functions: () => ({ name: 'f', arn, invoke }),
    });
    if (result.status !== 'SUCCEEDED') throw new Error(result.status);
    const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const meanEvents = mean(events);
    const meanBytes = mean(bytes);
    let covariance = 0;
    let variance = 0;
    for (let index = 0; index < events.length; index++) {
      covariance += (events[index] - meanEvents) * (bytes[index] - meanBytes);
      variance += (events[index] - meanEvents) ** 2;
    }
    console.log(covariance / variance);
  `;
  const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: packageRoot });
  return Number(stdout.trim());
}

/**
 * Heap bytes a finished execution's result holds per history event, its events read: 20 results of a
 * chain of 2,000 Pass and Task states kept, between two full collections. Uses the built dist/.
 */
async function resultBytesPerEvent(): Promise<number> {
  const script = `
    ${chainScriptPrelude(2000)}
    const fn = { name: 'f', arn, invoke: async (event) => ({ step: event.step + 1 }) };
    const once = (index) => runExecution({ definition: { StartAt: 'S0', States }, input: { step: 0 }, executionName: 'run-' + index, startTime: new Date(0), functions: () => fn });
    await once(-1);
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const kept = [];
    let events = 0;
    for (let index = 0; index < 20; index++) {
      const result = await once(index);
      events += result.events.length;
      kept.push(result);
    }
    globalThis.gc();
    console.log((process.memoryUsage().heapUsed - before) / events, kept.length);
  `;
  const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: packageRoot });
  return Number(stdout.trim().split(' ')[0]);
}

describe('Engine: what a history holds per event', () => {
  // Every event used to be kept with its details objects (`{ stateEnteredEventDetails: { name, input,
  // inputDetails: { truncated: false } } }`): 150-165 bytes per event, all of it copied by the young
  // generation's collections while the execution ran. State events and LambdaFunctionSucceeded now keep
  // their name and text only (84-99 bytes per event), and get their details objects when read.
  it('holds under 120 bytes per event while a chain of Pass and Task states runs', async () => {
    const perEvent = await heldBytesPerEvent();
    expect(perEvent).toBeGreaterThan(0);
    expect(perEvent).toBeLessThan(120);
  }, 60_000);

  // Each event had an `inputDetails` or `outputDetails` object of its own, always `{ truncated: false }`:
  // 140 bytes per event of a kept result. They now share one frozen object (112-118 bytes per event).
  it('holds under 128 bytes per event in a finished result whose events were read', async () => {
    const perEvent = await resultBytesPerEvent();
    expect(perEvent).toBeGreaterThan(0);
    expect(perEvent).toBeLessThan(128);
  }, 60_000);
});
