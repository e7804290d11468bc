import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRandom } from '../../src/random.js';
import { drawLatency } from '../../src/injectors/faultKinds/index.js';
import { selectFaults } from '../../src/injectors/selectFaults.js';
import type { FaultRule } from '../../src/injectors/types.js';

/** A random source that replays the given draws and counts how many were taken. */
function scripted(draws: number[]): { random: () => number; taken: () => number } {
  let index = 0;
  return {
    random: () => draws[index++ % draws.length] ?? 0,
    taken: () => index,
  };
}

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const attemptList = fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 5 });
const endingKind = fc.constantFrom('error' as const, 'throttle' as const, 'timeout' as const);

const rule: fc.Arbitrary<FaultRule> = fc.oneof(
  fc.record({ kind: endingKind, rate: unit }),
  fc.record({ kind: endingKind, attempts: attemptList }),
  fc.record({ kind: endingKind }),
  fc.record({ kind: fc.constant('latency' as const), latencyMs: fc.nat(1000), rate: unit }),
  fc.record({ kind: fc.constant('latency' as const), latencyMs: fc.nat(1000), attempts: attemptList }),
);

describe('Function: selectFaults', () => {
  it('never fires a rate 0 rule and always fires a rate 1 rule, whatever the draw', () => {
    fc.assert(
      fc.property(endingKind, fc.array(unit, { minLength: 1 }), (kind, draws) => {
        expect(selectFaults([{ kind, rate: 0 }], 1, scripted(draws).random).fired).toEqual([]);
        expect(selectFaults([{ kind, rate: 1 }], 1, scripted(draws).random).fired).toHaveLength(1);
      }),
    );
  });

  it('fires when the draw is below the rate, so a draw of exactly the rate (or of 0 against rate 0) skips', () => {
    expect(selectFaults([{ kind: 'throttle', rate: 0 }], 1, () => 0).fired).toEqual([]);
    expect(selectFaults([{ kind: 'throttle', rate: 0.3 }], 1, () => 0.3).fired).toEqual([]);
    expect(selectFaults([{ kind: 'throttle', rate: 0.3 }], 1, () => 0.2999).fired).toHaveLength(1);
  });

  it('fires an attempts rule exactly on the listed attempts', () => {
    fc.assert(
      fc.property(endingKind, attemptList, fc.integer({ min: 1, max: 12 }), (kind, attempts, attempt) => {
        const fired = selectFaults([{ kind, attempts }], attempt, Math.random).fired.length === 1;
        expect(fired).toBe(attempts.includes(attempt));
      }),
    );
  });

  it('fires firing latencies in order, then at most one ending fault, which is the first ending rule to fire', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        fc.integer(),
        (rules, attempt, seed) => {
          const { fired } = selectFaults(rules, attempt, createRandom(seed));
          const indexes = fired.map((fault) => fault.index);
          expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
          const endings = fired.filter((fault) => fault.rule.kind !== 'latency');
          expect(endings.length).toBeLessThanOrEqual(1);
          if (endings.length === 1) expect(fired[fired.length - 1]).toBe(endings[0]);
          // Replaying the same draws decides each rule alone: the ending fault is the first ending rule that fires.
          const replay = createRandom(seed);
          const alone = rules.map((each) =>
            each.rate !== undefined
              ? replay() < each.rate
              : each.attempts !== undefined
                ? attempt !== undefined && each.attempts.includes(attempt)
                : true,
          );
          const firstEnding = rules.findIndex((each, index) => each.kind !== 'latency' && alone[index]);
          expect(endings[0]?.index ?? -1).toBe(firstEnding);
          const cutoff = firstEnding < 0 ? rules.length : firstEnding;
          expect(indexes).toEqual(alone.flatMap((fires, index) => (fires && index <= cutoff ? [index] : [])));
        },
      ),
    );
  });

  it('takes exactly one draw per rate rule per invocation', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.integer({ min: 1, max: 10 }), (rules, attempt) => {
        const source = scripted([0.999, 0.001, 0.5]);
        selectFaults(rules, attempt, source.random);
        expect(source.taken()).toBe(rules.filter((each) => each.rate !== undefined).length);
      }),
    );
  });

  it('reports attempts rules it could not decide, and only when the attempt is unknown', () => {
    const rules: FaultRule[] = [
      { kind: 'error', errorName: 'A', attempts: [1] },
      { kind: 'throttle', rate: 1 },
      { id: 'late', kind: 'timeout', attempts: [3] },
    ];
    expect(selectFaults(rules, undefined, () => 0.5).undecided.map((fault) => fault.faultId)).toEqual(['error-0', 'late']);
    expect(selectFaults(rules, 1, () => 0.5).undecided).toEqual([]);
  });

  it('keeps a seeded rate of 0.3 within four standard deviations of its expectation', () => {
    const invocations = 20_000;
    const rate = 0.3;
    const random = createRandom('rate-0.3');
    let fired = 0;
    for (let i = 0; i < invocations; i++) fired += selectFaults([{ kind: 'throttle', rate }], 1, random).fired.length;
    const sd = Math.sqrt(invocations * rate * (1 - rate));
    expect(Math.abs(fired - invocations * rate)).toBeLessThanOrEqual(4 * sd);
  });
});

describe('Function: drawLatency', () => {
  it('returns a fixed latency as is and keeps a drawn one inside its range', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), unit, (a, b, draw) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const ms = drawLatency([min, max], () => draw);
        expect(ms).toBeGreaterThanOrEqual(min);
        expect(ms).toBeLessThanOrEqual(max);
        expect(Number.isInteger(ms)).toBe(true);
        expect(drawLatency(a, () => draw)).toBe(a);
      }),
    );
  });

  it('stays inside fractional bounds', () => {
    expect(drawLatency([0.5, 0.7], () => 0.99)).toBeLessThanOrEqual(0.7);
    expect(drawLatency([0.5, 0.7], () => 0)).toBeGreaterThanOrEqual(0.5);
  });
});

describe('Function: selectFaults with match rules', () => {
  it('never fires a rule whose match fails, and leaves the other rules as they were without it', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        (rules, matching, attempt, seed) => {
          const scoped = rules.map((each, index) => ({ ...each, match: { '$.scope': index } }));
          const isMatching = (each: FaultRule) => matching[Number(each.match?.['$.scope'])] === true;
          const withMatch = selectFaults(scoped, attempt, createRandom(seed), isMatching);
          // The same selection as if the non-matching rules never fired, on the same draws.
          const unscoped = rules.map((each, index) =>
            matching[index] ? each : { ...each, ...(each.rate !== undefined ? { rate: 0 } : {}), kind: 'latency' as const, latencyMs: 0 },
          );
          const expected = selectFaults(unscoped, attempt, createRandom(seed)).fired.filter((fault) => matching[fault.index]);
          expect(withMatch.fired.map((fault) => fault.index)).toEqual(expected.map((fault) => fault.index));
          for (const fault of withMatch.fired) expect(matching[fault.index]).toBe(true);
        },
      ),
    );
  });

  it('still takes the draw of a rate rule whose match fails, so matching never shifts the other rules', () => {
    const source = scripted([0.1, 0.1]);
    const fired = selectFaults(
      [
        { kind: 'throttle', rate: 0.5, match: { '$.x': 1 } },
        { kind: 'error', errorName: 'Second', rate: 0.5 },
      ],
      1,
      source.random,
      () => false,
    ).fired;
    expect(source.taken()).toBe(2);
    expect(fired.map((fault) => fault.index)).toEqual([1]);
  });
});
