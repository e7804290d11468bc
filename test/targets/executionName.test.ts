import { describe, expect, it } from '@jest/globals';
import { executionNameFor } from '../../src/targets/executionName.js';

describe('executionNameFor', () => {
  it('ends every name in six hex digits of its own, also across many names', () => {
    // More names than one draw of random bytes holds, so the tails come from several draws.
    const names = Array.from({ length: 3000 }, (_, index) => executionNameFor('m1x2abc', index % 5, 'HTTPError exhausts retries'));
    for (const name of names) expect(name).toMatch(/^chaos-m1x2abc-[1-5]-HTTPError-exhausts-retries-[0-9a-f]{6}$/);
    const tails = new Set(names.map((name) => name.slice(-6)));
    // 3,000 tails out of 16.7 million values: a few may repeat by chance, never most of them.
    expect(tails.size).toBeGreaterThan(2990);
  });

  it('keeps to 80 characters of the accepted set, cutting the scenario name, never the tail', () => {
    const name = executionNameFor('run/1', 0, `${'very long scenario name, '.repeat(6)}end`);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^chaos-run-1-1-very-long-scenario-name[0-9A-Za-z_-]*-[0-9a-f]{6}$/);
  });
});
