import { describe, expect, it } from '@jest/globals';
import { analyzeHistory, formatTimeline } from '../../src/assertions/index.js';
import type { StateVisit } from '../../src/assertions/index.js';
import { HistoryBuilder, downloadExoplanetsHistory } from './historyBuilder.js';
import { loadRecordedHistory } from './recordedHistory.js';

function visitNamed(visits: StateVisit[], name: string, visit = 1): StateVisit {
  const found = visits.find((candidate) => candidate.name === name && candidate.visit === visit);
  if (!found) throw new Error(`no visit ${visit} of ${name}`);
  return found;
}

describe('Function: formatTimeline', () => {
  it('shows each attempt, the wait before each retry and the catch destination', () => {
    const visit = visitNamed(analyzeHistory(downloadExoplanetsHistory([10, 20, 40])).visits, 'Download Exoplanets');
    expect(formatTimeline(visit)).toBe(
      [
        'Download Exoplanets (visit 1): 4 attempts, caught → ErrorState',
        '  #1 t+0s      HTTPError',
        '     wait 10s',
        '  #2 t+10s     HTTPError',
        '     wait 20s',
        '  #3 t+30s     HTTPError',
        '     wait 40s',
        '  #4 t+70s     HTTPError',
      ].join('\n'),
    );
  });

  it('shows fractional times, a success after a retry, and a timed-out attempt', () => {
    const history = new HistoryBuilder();
    history.entered('Check availability');
    history.wait(0.25);
    history.taskAttempt('timedOut');
    history.wait(1.5);
    history.taskAttempt({ output: { available: true } });
    history.exited('Check availability');
    history.succeeded();
    const visit = visitNamed(analyzeHistory(history.build()).visits, 'Check availability');
    expect(formatTimeline(visit)).toBe(
      [
        'Check availability (visit 1): 2 attempts, succeeded',
        '  #1 t+0.25s   States.Timeout (timed out)',
        '     wait 1.5s',
        '  #2 t+1.75s   succeeded',
      ].join('\n'),
    );
  });

  it('names the error that left the state when no attempt shows it', () => {
    const visit = visitNamed(analyzeHistory(loadRecordedHistory('states-runtime-not-caught')).visits, 'RaiseRuntime');
    expect(formatTimeline(visit)).toBe(
      ['RaiseRuntime (visit 1): 1 attempt, failed with States.Runtime (uncaught)', '  #1 t+0.05s   succeeded'].join('\n'),
    );
  });

  it('places a nested state in its Map run and iteration, and marks unrecorded errors', () => {
    const analysis = analyzeHistory(loadRecordedHistory('retry-map-state', { gapsBefore: { 9: 2, 13: 4 } }));
    expect(formatTimeline(visitNamed(analysis.visits, 'HandleItemFail', 2))).toBe(
      'HandleItemFail (visit 2, in MapState run 2, iteration 0): failed (uncaught)',
    );
    expect(formatTimeline(visitNamed(analysis.visits, 'MapState'))).toBe(
      [
        'MapState (visit 1): 3 attempts, failed with HandleItemFailError (uncaught)',
        '  #1 t+0.05s   failed (error not recorded)',
        '     wait 2s',
        '  #2 t+2.2s    failed (error not recorded)',
        '     wait 4s',
        '  #3 t+6.35s   HandleItemFailError',
      ].join('\n'),
    );
  });

  it('shows an unknown wait as ? and a still-running attempt', () => {
    const events = downloadExoplanetsHistory([10]).filter((event) => event.id !== 5 && (event.id ?? 0) < 8);
    const visit = visitNamed(analyzeHistory(events).visits, 'Download Exoplanets');
    expect(formatTimeline(visit)).toBe(
      [
        'Download Exoplanets (visit 1): 2 attempts, still running',
        '  #1 t+0s      failed (error not recorded)',
        '     wait ?',
        '  #2 t+10s     running',
      ].join('\n'),
    );
  });
});
