import { describe, expect, it } from '@jest/globals';
import { findPartialMismatch } from '../../src/assertions/partialMatch.js';

describe('Function: findPartialMismatch', () => {
  const caught = {
    orderId: 7,
    error: { Error: 'HTTPError', Cause: '{"errorMessage":"b00m","trace":["…"]}' },
    items: [{ id: 1, qty: 2 }, { id: 2 }],
  };

  it('matches a mapping by the keys it lists, at any depth, whatever else the value holds', () => {
    expect(findPartialMismatch(caught, { error: { Error: 'HTTPError' } })).toBeUndefined();
    expect(findPartialMismatch(caught, {})).toBeUndefined();
    expect(findPartialMismatch(caught, { orderId: 7, items: [{ id: 1 }, {}] })).toBeUndefined();
  });

  it('names the first path that differs, or the key that is missing', () => {
    expect(findPartialMismatch(caught, { error: { Error: 'States.Timeout' } })).toEqual({
      path: '.error.Error',
      expected: 'States.Timeout',
      actual: 'HTTPError',
    });
    expect(findPartialMismatch(caught, { error: { Code: 500 } })).toEqual({ path: '.error.Code', expected: 500, actual: undefined });
    expect(findPartialMismatch({ 'a b': 1 }, { 'a b': 2 })).toEqual({ path: '["a b"]', expected: 2, actual: 1 });
  });

  it('matches lists item by item, with the same length and order', () => {
    expect(findPartialMismatch(caught, { items: [{ id: 1 }] })).toEqual({ path: '.items', expected: [{ id: 1 }], actual: caught.items });
    expect(findPartialMismatch(caught, { items: [{ id: 2 }, { id: 1 }] })).toEqual({ path: '.items[0].id', expected: 2, actual: 1 });
  });

  it('compares anything else exactly: types, null, a mapping against a list', () => {
    expect(findPartialMismatch({ n: '1' }, { n: 1 })).toEqual({ path: '.n', expected: 1, actual: '1' });
    expect(findPartialMismatch({ n: null }, { n: null })).toBeUndefined();
    expect(findPartialMismatch({ n: null }, { n: {} })).toEqual({ path: '.n', expected: {}, actual: null });
    expect(findPartialMismatch([1], { 0: 1 })).toEqual({ path: '', expected: { 0: 1 }, actual: [1] });
    expect(findPartialMismatch(undefined, { a: 1 })).toEqual({ path: '', expected: { a: 1 }, actual: undefined });
  });
});
