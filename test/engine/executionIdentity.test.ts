import { describe, expect, it } from '@jest/globals';
import { TargetError } from '../../src/errors.js';
import { run } from './helpers.js';

const passMachine = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };

describe('execution names', () => {
  it.each([
    ['empty', ''],
    ['81 characters', 'a'.repeat(81)],
    ['a space', 'order 42'],
    ['a colon', 'order:42'],
    ['a slash', 'order/42'],
    ['a control character', 'order\u0007'],
    ['U+FFFE', 'order\ufffe'],
    ['U+FFFF', 'order\uffff'],
    ['a lone surrogate', 'order\ud800'],
    ['a character outside the Basic Multilingual Plane (a surrogate pair)', 'order-\u{1F600}'],
  ])('refuses a name with %s, as StartExecution does', async (_label, executionName) => {
    await expect(run(passMachine, [], { executionName })).rejects.toThrow(TargetError);
  });

  it.each([
    ['80 characters', 'a'.repeat(80)],
    ['letters, digits, - and _', 'order-42_retry'],
    ['accented letters', 'commande-réessayée'],
  ])('accepts a name with %s and puts it in the execution ARN', async (_label, executionName) => {
    const result = await run(passMachine, [], { executionName });
    expect(result.executionArn.endsWith(`:${executionName}`)).toBe(true);
  });
});
