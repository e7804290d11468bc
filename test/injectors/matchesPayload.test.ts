import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { matchesPayload } from '../../src/injectors/index.js';
import type { FaultMatch } from '../../src/injectors/index.js';

const order = {
  orderId: 'order-1001',
  amount: 42,
  express: false,
  note: null,
  items: [{ sku: 'A-1' }, { sku: 'B-2' }],
  customer: { tier: 'gold' },
};

describe('Function: matchesPayload', () => {
  it.each([
    [{ '$.orderId': 'order-1001' }, true],
    [{ '$.orderId': 'order-1002' }, false],
    [{ '$.amount': 42 }, true],
    [{ '$.amount': '42' }, false],
    [{ '$.express': false }, true],
    [{ '$.note': null }, true],
    [{ '$.missing': null }, false],
    [{ '$.orderId': { equals: 'order-1001' } }, true],
    [{ '$.orderId': { prefix: 'order-' } }, true],
    [{ '$.orderId': { prefix: 'test-' } }, false],
    [{ '$.orderId': { prefix: '1001' } }, false],
    [{ '$.amount': { prefix: '4' } }, false],
    [{ '$.customer.tier': { anyOf: ['silver', 'gold'] } }, true],
    [{ '$.customer.tier': { anyOf: ['silver'] } }, false],
    [{ '$.items[*].sku': 'B-2' }, true],
    [{ '$.items[?(@.sku === "A-1")]': { exists: true } }, true],
    [{ '$..sku': { prefix: 'C' } }, false],
    [{ '$.customer.id': { exists: false } }, true],
    [{ '$.customer': { exists: false } }, false],
    [{ '$.orderId': 'order-1001', '$.amount': 43 }, false],
    [{ '$.orderId': 'order-1001', '$.amount': 42 }, true],
  ] as [FaultMatch, boolean][])('%j on an order payload is %s', (match, expected) => {
    expect(matchesPayload(match, order)).toBe(expected);
  });

  it('selects nothing from a payload that is not an object', () => {
    for (const payload of ['order-1001', 42, null, undefined, true]) {
      expect(matchesPayload({ $: 'order-1001' }, payload)).toBe(false);
      expect(matchesPayload({ '$.orderId': { exists: false } }, payload)).toBe(true);
    }
  });

  it('matches a top-level field exactly when the payload holds that value', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => /^[A-Za-z_]\w*$/.test(key)),
        scalar,
        scalar,
        (key, held, wanted) => {
          expect(matchesPayload({ [`$.${key}`]: wanted }, { [key]: held })).toBe(held === wanted);
          expect(matchesPayload({ [`$.${key}`]: { anyOf: [wanted] } }, { [key]: held })).toBe(held === wanted);
        },
      ),
    );
  });
});
