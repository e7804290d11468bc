import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { headlessChromiumPath } from './headlessChromium.js';
import { buildHtmlReport } from '../../src/reporters/htmlReport.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios, type RunResult } from '../../src/run/runScenarios.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HTTP_ERROR = 'HTTPError exhausts retries and lands in ErrorState';
const WRONG_BACKOFF = 'HTTPError with a backoff expectation that is wrong on purpose';

/** The asteroids HTTPError scenario twice: as written, and with a third wait of 30 s where 40 s happens. */
async function runAsteroids(): Promise<{ file: ScenarioFile; result: RunResult }> {
  const loaded = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
  const original = loaded.scenarios.find((scenario) => scenario.name === HTTP_ERROR);
  if (!original) throw new Error(`scenarios.yaml has no scenario ${HTTP_ERROR}`);
  const exoplanets = original.expect.states?.['Download Exoplanets'];
  if (!exoplanets) throw new Error('the scenario has no Download Exoplanets expectation');
  const wrong = {
    ...original,
    name: WRONG_BACKOFF,
    expect: { ...original.expect, states: { 'Download Exoplanets': { ...exoplanets, backoff: [10, 20, 30] } } },
  };
  const file: ScenarioFile = { ...loaded, scenarios: [original, wrong] };
  return { file, result: await runScenarios(file, { target: createLocalTarget() }) };
}

describe('Function: buildHtmlReport in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const requests: string[] = [];

  beforeAll(async () => {
    const { result } = await runAsteroids();
    expect(result.scenarios.map((scenario) => scenario.verdict)).toEqual(['passed', 'failed']);
    dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-html-'));
    const path = join(dir, 'report.html');
    await writeFile(path, buildHtmlReport(result, { cwd: root }));
    browser = await chromium.launch({
      executablePath: await headlessChromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path).href);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads nothing but the page itself', () => {
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
  });

  it('draws the four attempts of Download Exoplanets as bars with the 10, 20 and 40 s gaps', async () => {
    const visit = page.locator(`section[data-scenario="${HTTP_ERROR}"] .visit[data-state="Download Exoplanets"]`);
    await expect(visit.locator('.attempt-bar').count()).resolves.toBe(4);
    await expect(visit.locator('.attempt-bar.attempt-failed').count()).resolves.toBe(4);
    await expect(visit.locator('.gap-actual').allTextContents()).resolves.toEqual(['10 s', '20 s', '40 s']);
    await expect(visit.locator('.gap-expected').allTextContents()).resolves.toEqual(['expected 10 s', 'expected 20 s', 'expected 40 s']);
    await expect(visit.locator('.gap.gap-match').count()).resolves.toBe(3);
    await expect(visit.locator('.catch-destination').textContent()).resolves.toBe('ErrorState');
    // Bars sit on a time axis: each later attempt starts further right, in proportion to the waits.
    const lefts = await visit.locator('.attempt-bar').evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().left));
    const [first = 0, second = 0, third = 0, fourth = 0] = lefts;
    expect(second - first).toBeGreaterThan(0);
    expect((fourth - third) / (second - first)).toBeCloseTo(4, 1);
  });

  it('marks a wrong expected wait and shows the failure expected against actual', async () => {
    const section = page.locator(`section[data-scenario="${WRONG_BACKOFF}"]`);
    await expect(section.getAttribute('data-verdict')).resolves.toBe('failed');
    const mismatch = section.locator('.visit[data-state="Download Exoplanets"] .gap.gap-mismatch');
    await expect(mismatch.count()).resolves.toBe(1);
    await expect(mismatch.textContent()).resolves.toBe('40 sexpected 30 s');
    await expect(section.locator('.failure-message').first().textContent()).resolves.toContain(
      'expected a wait of 30s (±0.001s) before attempt 4, saw 40s',
    );
    await expect(section.locator('.versus').first().textContent()).resolves.toBe('expected 30actual 40');
    await expect(page.locator('.count.verdict-failed').textContent()).resolves.toBe('1 failed');
  });

  it('hides passed scenarios with its inline script', async () => {
    await page.locator('#only-problems').check();
    await expect(page.locator(`section[data-scenario="${HTTP_ERROR}"]`).isVisible()).resolves.toBe(false);
    await expect(page.locator(`section[data-scenario="${WRONG_BACKOFF}"]`).isVisible()).resolves.toBe(true);
    await page.locator('#only-problems').uncheck();
  });

  it('takes a screenshot', async () => {
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    process.stdout.write(`html report screenshot: ${shot}\n`);
  });
});
