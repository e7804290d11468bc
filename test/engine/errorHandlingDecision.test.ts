import { describe, expect, it } from '@jest/globals';
import {
  decideErrorHandling,
  noRetrierUses,
  retriesGranted,
  type ErrorHandlingDecision,
  type ErrorHandlingRules,
  type RetrierUses,
} from '../../src/engine/asl/errorHandlingDecision.js';
import { retryWaitMs, retryWaitSeconds } from '../../src/engine/asl/retryBackoff.js';
import type { Catcher, Retrier } from '../../src/engine/asl/definitionTypes.js';

type Rules = ErrorHandlingRules<Retrier, Catcher>;

/** The decisions for a sequence of errors in one state visit, each with the counts the previous left. */
function decideAll(rules: Rules, errors: string[]): ErrorHandlingDecision<Retrier, Catcher>[] {
  let uses: RetrierUses = noRetrierUses;
  return errors.map((error) => {
    const decision = decideErrorHandling(rules, error, uses);
    if (decision.action === 'retry') uses = decision.uses;
    return decision;
  });
}

/** A decision reduced to what a test reads: `retry r#n after s`, `catch c`, `fail`. */
function summary(decision: ErrorHandlingDecision): string {
  if (decision.action === 'retry')
    return `retry ${decision.retrierIndex}#${decision.useCount} after ${decision.wait.cappedSeconds}${decision.wait.jitter === 'FULL' ? ' (jitter)' : ''}`;
  if (decision.action === 'catch') return `catch ${decision.catcherIndex}`;
  return 'fail';
}

const catchAll: Catcher = { ErrorEquals: ['States.ALL'], Next: 'Recover' };

describe('Function: decideErrorHandling', () => {
  it('retries while the matching retrier has retries left (MaxAttempts default 3), then catches', () => {
    const rules: Rules = { retriers: [{ ErrorEquals: ['HTTPError'], IntervalSeconds: 10 }], catchers: [catchAll] };
    expect(decideAll(rules, ['HTTPError', 'HTTPError', 'HTTPError', 'HTTPError']).map(summary)).toEqual([
      'retry 0#1 after 10',
      'retry 0#2 after 20',
      'retry 0#3 after 40',
      'catch 0',
    ]);
  });

  it('counts per retrier, with a backoff exponent of its own (the AWS ErrorA/ErrorB/ErrorC example)', () => {
    const rules: Rules = {
      retriers: [
        { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 },
        { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
      ],
      catchers: [{ ErrorEquals: ['ErrorB'], Next: 'Z' }],
    };
    expect(decideAll(rules, ['ErrorA', 'ErrorB', 'ErrorC', 'ErrorB']).map(summary)).toEqual([
      'retry 0#1 after 1',
      'retry 0#2 after 2',
      'retry 1#1 after 5',
      'catch 0',
    ]);
  });

  it('does not fall through to a later retrier once the first match is exhausted', () => {
    const rules: Rules = {
      retriers: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }],
      catchers: [],
    };
    expect(decideErrorHandling(rules, 'States.Timeout', noRetrierUses)).toEqual({ action: 'fail', retrierIndex: 0 });
    expect(summary(decideErrorHandling(rules, 'HTTPError', noRetrierUses))).toBe('retry 1#1 after 1');
  });

  it('never retries or catches States.Runtime, not even with a rule naming it', () => {
    const rules: Rules = {
      retriers: [{ ErrorEquals: ['States.Runtime'] }, { ErrorEquals: ['States.ALL'] }],
      catchers: [{ ErrorEquals: ['States.Runtime'], Next: 'A' }, catchAll],
    };
    expect(decideErrorHandling(rules, 'States.Runtime', noRetrierUses)).toEqual({ action: 'fail', retrierIndex: null });
  });

  it('skips every rule for an error flagged uncatchable', () => {
    const rules: Rules = { retriers: [{ ErrorEquals: ['States.ALL'] }], catchers: [catchAll] };
    expect(decideErrorHandling(rules, 'States.DataLimitExceeded', noRetrierUses, { uncatchable: true })).toEqual({
      action: 'fail',
      retrierIndex: null,
    });
    expect(summary(decideErrorHandling(rules, 'States.DataLimitExceeded', noRetrierUses))).toBe('retry 0#1 after 1');
  });

  it('matches States.TaskFailed against everything but States.Timeout', () => {
    const rules: Rules = {
      retriers: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 1 }],
      catchers: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }],
    };
    expect(summary(decideErrorHandling(rules, 'Lambda.Unknown', noRetrierUses))).toBe('retry 0#1 after 1');
    expect(decideErrorHandling(rules, 'States.Timeout', noRetrierUses)).toMatchObject({
      action: 'catch',
      catcherIndex: 0,
      retrierIndex: null,
      catcher: { Next: 'Late' },
    });
  });

  it('fails when no catcher matches, naming the exhausted retrier', () => {
    const rules: Rules = { retriers: [{ ErrorEquals: ['HTTPError'], MaxAttempts: 1 }], catchers: [{ ErrorEquals: ['Other'], Next: 'X' }] };
    expect(decideAll(rules, ['HTTPError', 'HTTPError']).at(-1)).toEqual({ action: 'fail', retrierIndex: 0 });
    expect(decideErrorHandling(rules, 'Unmatched', noRetrierUses)).toEqual({ action: 'fail', retrierIndex: null });
  });

  it('gives the wait capped by MaxDelaySeconds, with FULL jitter left for the caller to draw', () => {
    const rules: Rules = {
      retriers: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxDelaySeconds: 5, JitterStrategy: 'FULL' }],
      catchers: [],
    };
    expect(decideAll(rules, ['E', 'E', 'E']).map(summary)).toEqual([
      'retry 0#1 after 3 (jitter)',
      'retry 0#2 after 5 (jitter)',
      'retry 0#3 after 5 (jitter)',
    ]);
  });

  it('leaves the counts it is given untouched (a pure function)', () => {
    const rules: Rules = { retriers: [{ ErrorEquals: ['A'] }, { ErrorEquals: ['B'] }], catchers: [] };
    const uses: RetrierUses = [2];
    const decision = decideErrorHandling(rules, 'B', uses);
    expect(uses).toEqual([2]);
    expect(decision).toMatchObject({ action: 'retry', retrierIndex: 1, useCount: 1, uses: [2, 1] });
    expect(decideErrorHandling(rules, 'B', uses)).toEqual(decision);
  });
});

describe('Function: retryWaitSeconds', () => {
  it('draws FULL jitter from the given random only, between 0 and the capped wait', () => {
    const draws: number[] = [];
    const random = () => {
      draws.push(0.25);
      return 0.25;
    };
    expect(retryWaitSeconds({ cappedSeconds: 8, jitter: 'NONE' }, random)).toBe(8);
    expect(draws).toHaveLength(0);
    expect(retryWaitSeconds({ cappedSeconds: 8, jitter: 'FULL' }, random)).toBe(2);
    expect(retryWaitMs({ cappedSeconds: 4.5, jitter: 'FULL' }, random)).toBe(1125);
    expect(draws).toHaveLength(2);
  });
});

describe('Function: retriesGranted', () => {
  it('is MaxAttempts, 3 when absent', () => {
    expect(retriesGranted({})).toBe(3);
    expect(retriesGranted({ MaxAttempts: 0 })).toBe(0);
  });
});
