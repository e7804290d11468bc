import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the names' tails, drawn from the operating system a thousand names at a time: one call
 * per name was a sizeable part of a short local execution (`chaos explore` runs thousands a second).
 */
const TAIL_BYTES = 3;
const tailPool = Buffer.alloc(TAIL_BYTES * 1024);
let tailOffset = tailPool.length;

/** A fresh random tail: `TAIL_BYTES` bytes as hex. */
function randomTail(): string {
  if (tailOffset + TAIL_BYTES > tailPool.length) {
    randomFillSync(tailPool);
    tailOffset = 0;
  }
  const tail = tailPool.toString('hex', tailOffset, tailOffset + TAIL_BYTES);
  tailOffset += TAIL_BYTES;
  return tail;
}

/**
 * A Step Functions execution name that traces back to the run and the scenario, on every target:
 * `chaos-<runId>-<scenario position>-<scenario name, cleaned>-<random>`. Only `0-9 A-Z a-z - _` are used
 * (the set CloudWatch Logs and metrics accept, narrower than what StartExecution allows), at most 80
 * characters, and the random tail keeps two runs with the same id apart (Standard names must be unique
 * for 90 days).
 *
 * @example
 * ```ts
 * executionNameFor('m1x2abc', 2, 'HTTPError exhausts retries'); // 'chaos-m1x2abc-3-HTTPError-exhausts-retries-5f1c2a'
 * ```
 */
export function executionNameFor(runId: string, index: number, scenarioName: string): string {
  const clean = (text: string): string => text.replace(/[^0-9A-Za-z_-]+/g, '-').replace(/^-+|-+$/g, '');
  const head = `chaos-${clean(runId)}-${index + 1}`;
  const tail = randomTail();
  const room = 80 - head.length - tail.length - 2;
  const label = clean(scenarioName).slice(0, Math.max(0, room)).replace(/-+$/, '');
  return (label === '' ? `${head}-${tail}` : `${head}-${label}-${tail}`).slice(0, 80);
}
