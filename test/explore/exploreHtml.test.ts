import { describe, expect, it } from '@jest/globals';
import { buildExploreHtml } from '../../src/explore/exploreHtml.js';
import { runExploration } from '../../src/explore/runExploration.js';
import { asteroidsExploreFile } from './exploreFixture.js';

describe('buildExploreHtml', () => {
  it('shows the matrix with failures first, a column per catcher, and the Monte Carlo distribution', async () => {
    const { file, dir } = asteroidsExploreFile();
    const { report } = await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 10 });
    const html = buildExploreHtml(report, dir);
    const rows = [...html.matchAll(/<tr class="(not-recovered|recovered)"><td>([^<]*)<\/td>/g)].map((match) => [match[1], match[2]]);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 3).every(([kind]) => kind === 'not-recovered')).toBe(true);
    expect(rows.slice(3).every(([kind]) => kind === 'recovered')).toBe(true);
    expect(html).toContain('<th class="catcher">Download Exoplanets → ErrorState</th>');
    expect(html).toContain('<td class="hit">✓</td>');
    expect(html).toContain('<h2>Monte Carlo: HTTPError on a third of the attempts</h2>');
    expect(html).toContain('95 % interval (Wilson)');
    expect(html).toContain('worst-case time to recover: <b>1 min 10 s</b>');
  });
});
