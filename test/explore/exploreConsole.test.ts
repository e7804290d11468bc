import { describe, expect, it } from '@jest/globals';
import { formatExploreSummary } from '../../src/explore/exploreConsole.js';
import type { ExploreReport, ExploreRow } from '../../src/explore/exploreTypes.js';

function row(index: number, status: ExploreRow['status']): ExploreRow {
  return {
    index,
    name: `m: case ${index}`,
    stateMachine: 'm',
    kind: 'single',
    faults: [],
    status,
    ...(status === 'SUCCEEDED' ? {} : { error: 'Boom' }),
    caught: status === 'SUCCEEDED' && index % 2 === 0 ? ['Work → Recover'] : [],
    virtualSeconds: index,
    attempts: {},
  };
}

function report(rows: ExploreRow[]): ExploreReport {
  return {
    file: '/tmp/scenarios.yaml',
    depth: 1,
    startedAt: new Date(0),
    finishedAt: new Date(0),
    workers: 2,
    executions: rows.length,
    rows,
    monteCarlo: [],
    coverage: { stateMachines: [] },
    notes: [],
  };
}

describe('formatExploreSummary', () => {
  it('lists the cases that did not recover first, the catchers reached and the worst time to recover', () => {
    const text = formatExploreSummary(report([row(0, 'SUCCEEDED'), row(1, 'FAILED'), row(2, 'SUCCEEDED'), row(3, 'TIMED_OUT')]), '/tmp');
    expect(text).toContain('did not recover:\n  m: case 1  →  FAILED, Boom (1 s)\n  m: case 3  →  TIMED_OUT, Boom (3 s)\n');
    expect(text).toContain('catchers reached:\n  Work → Recover: 2 cases');
    expect(text).toContain('worst-case time to recover: 2 s (m: case 2)');
  });

  it('lists at most 50 cases that did not recover', () => {
    const text = formatExploreSummary(report(Array.from({ length: 60 }, (_, index) => row(index, 'FAILED'))), '/tmp');
    expect(text).toContain('m: case 49  →');
    expect(text).not.toContain('m: case 50  →');
    expect(text).toContain('… 10 more (see the JSON or HTML report)');
  });
});
