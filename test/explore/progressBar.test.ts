import { describe, expect, it } from '@jest/globals';
import { createProgressBar } from '../../src/explore/progressBar.js';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, write: (text: string) => written.push(text), isTTY, columns: 80 };
}

describe('createProgressBar', () => {
  it('draws the bar in place on a terminal and clears it at the end', () => {
    const out = stream(true);
    const bar = createProgressBar(out, {});
    bar.update(0, 4);
    bar.update(4, 4);
    bar.close();
    expect(out.written[1]).toContain('4/4 executions');
    expect(out.written[1]?.startsWith('\r\u001b[2K[████')).toBe(true);
    expect(out.written.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing to a pipe, or in CI', () => {
    for (const [out, env] of [
      [stream(false), {}],
      [stream(true), { CI: 'true' }],
    ] as const) {
      const bar = createProgressBar(out, env);
      bar.update(1, 2);
      bar.close();
      expect(out.written).toEqual([]);
    }
  });
});
