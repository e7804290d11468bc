import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { parseReporters, reportPaths as pathsOf } from '../../src/cli/commands/run.js';

/** reportPaths for `--reporter` names, keyed by reporter name. */
function reportPaths(names: Set<string>, out: string | undefined): Map<string, string> {
  return new Map([...pathsOf(parseReporters([...names]), out)].map(([reporter, path]) => [reporter.name, path]));
}

describe('Function: reportPaths (chaos run --out)', () => {
  it('keeps --reporter json --out FILE writing exactly FILE', () => {
    expect([...reportPaths(new Set(['console', 'json']), 'out/run.txt')]).toEqual([['json', resolve('out/run.txt')]]);
  });

  it('gives a single file reporter its own default name', () => {
    expect([...reportPaths(new Set(['junit']), undefined)]).toEqual([['junit', resolve('chaos-results.xml')]]);
    expect([...reportPaths(new Set(['console']), 'ignored.json')]).toEqual([]);
  });

  it.each([['results'], ['results.json'], ['results.html']])('treats --out %s as a base name for several reports', (out) => {
    expect(Object.fromEntries(reportPaths(new Set(['json', 'junit', 'html']), out))).toEqual({
      json: resolve('results.json'),
      junit: resolve('results.xml'),
      html: resolve('results.html'),
    });
  });

  it('refuses a reporter it does not know, naming the ones it has', () => {
    expect(() => parseReporters(['json,xml'])).toThrow('unknown reporter "xml"; choose from console, json, junit, html');
  });

  it('keeps an extension it does not own as part of the base', () => {
    expect(Object.fromEntries(reportPaths(new Set(['json', 'html']), 'nightly.v2'))).toEqual({
      json: resolve('nightly.v2.json'),
      html: resolve('nightly.v2.html'),
    });
  });
});
