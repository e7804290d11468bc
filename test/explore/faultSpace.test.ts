import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildFaultSpace } from '../../src/explore/faultSpace.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import type { RawScenarioFile } from '../../src/scenarios/rawScenarioFile.js';
import { asteroidsExploreFile } from './exploreFixture.js';

async function asteroidsSpace(depth: 1 | 2) {
  const { file, dir } = asteroidsExploreFile();
  const loaded = await loadScenarioFile(file, { cwd: dir });
  const raw = parse(readFileSync(file, 'utf8')) as RawScenarioFile;
  return buildFaultSpace(loaded, raw.scenarios, { depth });
}

describe('buildFaultSpace', () => {
  it('gives asteroids 12 cases: no fault, 3 on Download Benner, 8 on Download Exoplanets (4 HTTPError patterns)', async () => {
    const { cases, notes } = await asteroidsSpace(1);
    expect(notes).toEqual([]);
    expect(cases.map((exploreCase) => exploreCase.name)).toEqual([
      'asteroids: no fault',
      'asteroids: Download Benner: UnnamedError on every attempt',
      'asteroids: Download Benner: throttle (Lambda.TooManyRequestsException) on every attempt',
      'asteroids: Download Benner: timeout (Sandbox.Timedout) on every attempt',
      'asteroids: Download Exoplanets: HTTPError on attempt 1',
      'asteroids: Download Exoplanets: HTTPError on attempts 1-2',
      'asteroids: Download Exoplanets: HTTPError on attempts 1-3',
      'asteroids: Download Exoplanets: HTTPError on every attempt',
      'asteroids: Download Exoplanets: GeneralError on every attempt',
      'asteroids: Download Exoplanets: UnnamedError on every attempt',
      'asteroids: Download Exoplanets: throttle (Lambda.TooManyRequestsException) on every attempt',
      'asteroids: Download Exoplanets: timeout (Sandbox.Timedout) on every attempt',
    ]);
  });

  it("writes each case as an ordinary scenario fault, with the base scenario's input", async () => {
    const { cases } = await asteroidsSpace(1);
    const firstTwo = cases.find((exploreCase) => exploreCase.name.endsWith('HTTPError on attempts 1-2'));
    expect(firstTwo?.scenario).toEqual({
      name: 'asteroids: Download Exoplanets: HTTPError on attempts 1-2',
      stateMachine: 'asteroids',
      input: { date: '2020-04-25' },
      faults: [{ function: 'DownloadExoplanetsFunction', error: 'HTTPError', attempts: [1, 2] }],
      expect: { status: 'SUCCEEDED' },
    });
    expect(firstTwo?.expectedSeconds).toBe(30);
    const every = cases.find((exploreCase) => exploreCase.name.endsWith('HTTPError on every attempt'));
    expect(every?.scenario.faults).toEqual([{ function: 'DownloadExoplanetsFunction', error: 'HTTPError' }]);
    expect(every?.expectedSeconds).toBe(70);
  });

  it('with depth 2 adds every pair across Tasks (3 × 8) and, on one Task, N HTTPErrors then another error (3 × 4)', async () => {
    const { cases } = await asteroidsSpace(2);
    expect(cases).toHaveLength(12 + 24 + 12);
    const names = cases.map((exploreCase) => exploreCase.name);
    expect(names).toContain(
      'asteroids: Download Benner: throttle (Lambda.TooManyRequestsException) on every attempt + Download Exoplanets: HTTPError on attempt 1',
    );
    expect(names).toContain(
      'asteroids: Download Exoplanets: HTTPError on attempts 1-3 + Download Exoplanets: GeneralError on every attempt',
    );
    const pair = cases.find((exploreCase) =>
      exploreCase.name.endsWith('HTTPError on attempt 1 + Download Exoplanets: GeneralError on every attempt'),
    );
    expect(pair?.kind).toBe('pair');
    expect(pair?.scenario.faults).toEqual([
      { function: 'DownloadExoplanetsFunction', error: 'HTTPError', attempts: [1] },
      { function: 'DownloadExoplanetsFunction', error: 'GeneralError' },
    ]);
    expect(new Set(names).size).toBe(names.length);
  });
});
