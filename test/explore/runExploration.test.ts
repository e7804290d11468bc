import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { emittedScenarioFile } from '../../src/explore/emitScenarios.js';
import { exploreTotals } from '../../src/explore/exploreSummary.js';
import { mergeExploreReports } from '../../src/explore/mergeExploreReports.js';
import { availableParallelism } from 'node:os';
import { EXECUTIONS_PER_THREAD, runExploration, threadsFor, unexercisedRules } from '../../src/explore/runExploration.js';
import { wilsonInterval } from '../../src/explore/wilson.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { asteroidsExploreFile } from './exploreFixture.js';
import { writeFileSync } from 'node:fs';
import { scenarioFileForDefinition } from '../../src/explore/definitionSource.js';
import { packageRoot as root } from '../scenarios/publishedSchemas.js';

describe('runExploration (one thread)', () => {
  it('reports which cases fail the execution, which reach ErrorState, and the worst time to recover', async () => {
    const { file, dir } = asteroidsExploreFile();
    const { report } = await runExploration({ file, cwd: dir, workers: 1 });
    const row = (suffix: string) => report.rows.find((candidate) => candidate.name.endsWith(suffix));
    expect(report.rows).toHaveLength(12);
    expect(row('Download Benner: UnnamedError on every attempt')).toMatchObject({ status: 'FAILED', error: 'UnnamedError', caught: [] });
    expect(row('Download Benner: timeout (Sandbox.Timedout) on every attempt')).toMatchObject({
      status: 'FAILED',
      error: 'Sandbox.Timedout',
      virtualSeconds: 30,
    });
    expect(row('Download Exoplanets: HTTPError on attempts 1-3')).toMatchObject({
      status: 'SUCCEEDED',
      caught: [],
      virtualSeconds: 70,
      attempts: { 'Download Benner': 1, 'Download Exoplanets': 4 },
    });
    expect(row('Download Exoplanets: HTTPError on every attempt')).toMatchObject({
      status: 'SUCCEEDED',
      caught: ['Download Exoplanets → ErrorState'],
      virtualSeconds: 70,
    });
    expect(report.rows.filter((candidate) => candidate.status === 'FAILED')).toHaveLength(3);
    expect(unexercisedRules(report.coverage)).toEqual([]);
    expect(report.executions).toBe(12);
    expect(exploreTotals(report).worstRecovery).toEqual({ seconds: 70, case: 'asteroids: Download Exoplanets: HTTPError on attempts 1-3' });
  });

  it('starts a second thread by default only for an exploration long enough to win back its warm-up', () => {
    const two = Math.min(2, availableParallelism());
    for (const handlers of ['isolated', 'in-process'] as const) {
      const perThread = EXECUTIONS_PER_THREAD[handlers];
      expect(threadsFor(0, handlers)).toBe(1);
      expect(threadsFor(20_000, handlers)).toBe(1);
      expect(threadsFor(perThread, handlers)).toBe(1);
      expect(threadsFor(perThread + 1, handlers)).toBe(two);
    }
    expect(EXECUTIONS_PER_THREAD['in-process']).toBeGreaterThan(EXECUTIONS_PER_THREAD.isolated);
  });

  it('runs a single execution in this thread whatever the number of workers asked for', async () => {
    const { file, dir } = asteroidsExploreFile();
    const { report } = await runExploration({ file, cwd: dir, workers: 2, shard: { index: 1, count: 12 } });
    expect(report.workers).toBe(1);
    expect(report.rows).toHaveLength(1);
  });

  it('names the rules no case reaches', async () => {
    const { file, dir } = asteroidsExploreFile();
    const { report } = await runExploration({ file, cwd: dir, workers: 1, shard: { index: 1, count: 12 } });
    expect(report.rows).toHaveLength(1);
    expect(unexercisedRules(report.coverage).map((rule) => rule.field)).toEqual(
      expect.arrayContaining(['States["Download Exoplanets"].Catch[0]']),
    );
  });

  it('runs N seeds of each random scenario, gives the same distribution every time, with Wilson 95 % intervals', async () => {
    const { file, dir } = asteroidsExploreFile();
    const first = await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 60 });
    const second = await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 60 });
    const [series] = first.report.monteCarlo;
    expect(series?.runs).toBe(60);
    expect(second.report.monteCarlo).toEqual(first.report.monteCarlo);
    const total = (series?.outcomes ?? []).reduce((sum, outcome) => sum + outcome.count, 0);
    expect(total).toBe(60);
    for (const outcome of series?.outcomes ?? []) {
      expect(outcome).toMatchObject(wilsonInterval(outcome.count, 60));
      expect(outcome.low).toBeLessThanOrEqual(outcome.share);
      expect(outcome.high).toBeGreaterThanOrEqual(outcome.share);
    }
    expect(series?.outcomes.map((outcome) => outcome.outcome)).toContain('SUCCEEDED');
    expect(first.report.executions).toBe(12 + 60);
  });

  it('splits into shards whose merged report has every row once, as the whole run', async () => {
    const { file, dir } = asteroidsExploreFile();
    const whole = await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 20 });
    const parts = [];
    for (const index of [1, 2, 3])
      parts.push((await runExploration({ file, cwd: dir, workers: 1, monteCarlo: 20, shard: { index, count: 3 } })).report);
    expect(parts.map((part) => part.rows.length).reduce((sum, n) => sum + n, 0)).toBe(12);
    const merged = mergeExploreReports(parts);
    expect(merged.rows).toEqual(whole.report.rows);
    expect(merged.monteCarlo).toEqual(whole.report.monteCarlo);
    expect(merged.coverage.stateMachines.map((machine) => [machine.exercised, machine.total])).toEqual(
      whole.report.coverage.stateMachines.map((machine) => [machine.exercised, machine.total]),
    );
  });

  it('emits rows as scenarios the loader reads back and chaos run passes', async () => {
    const { file, dir } = asteroidsExploreFile();
    const exploration = await runExploration({ file, cwd: dir, workers: 1 });
    const out = join(dir, 'emitted', 'explored.yaml');
    const text = emittedScenarioFile({
      rawFile: exploration.rawFile,
      cases: exploration.cases,
      rows: exploration.report.rows,
      choice: 'all',
      sourceFile: file,
      outFile: out,
    });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'emitted'));
    writeFileSync(out, text);
    const loaded = await loadScenarioFile(out, { cwd: dir });
    expect(loaded.scenarios).toHaveLength(12);
    const run = await runScenarios(loaded, { target: createLocalTarget() });
    expect(run.scenarios.filter((scenario) => scenario.verdict !== 'passed')).toEqual([]);
    const failedOnly = emittedScenarioFile({
      rawFile: exploration.rawFile,
      cases: exploration.cases,
      rows: exploration.report.rows,
      choice: 'failed',
      sourceFile: file,
      outFile: out,
    });
    writeFileSync(out, failedOnly);
    const failed = await loadScenarioFile(out, { cwd: dir });
    expect(failed.scenarios.map((scenario) => scenario.expect.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
  });
});

describe('runExploration of a definition with handlers (no scenario file)', () => {
  it('explores the state machine with the given input', async () => {
    const functions = ['createOrder', 'checkProductAvailability', 'updateOrder'].map(
      (name) =>
        `arn:aws:lambda:eu-central-1:123456789012:function:recoveries-dev-${name}=examples/order-recovery/functions/orders.mjs#${name}`,
    );
    functions.push(
      'arn:aws:lambda:eu-central-1:123456789012:function:recoveries-dev-handleError=examples/order-recovery/functions/recovery.mjs#handleError',
    );
    const text = scenarioFileForDefinition(
      { definition: 'examples/order-recovery/statemachine.asl.json', functions, input: { id: 'o-1' } },
      root,
    );
    const { report, cases } = await runExploration({ file: join(root, 'chaos-explore.yaml'), text, cwd: root, workers: 1 });
    expect(cases[0]?.scenario).toMatchObject({ name: 'statemachine: no fault', input: { id: 'o-1' } });
    expect(report.rows.find((row) => row.name === 'statemachine: Create order record: UnnamedError on every attempt')).toMatchObject({
      status: 'FAILED',
      error: 'UnnamedError',
    });
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook values and stays inside [0, 1]', () => {
    const half = wilsonInterval(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(0, 20).high).toBeCloseTo(0.161, 3);
    expect(wilsonInterval(20, 20).high).toBe(1);
  });
});
