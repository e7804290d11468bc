import { describe, expect, it } from '@jest/globals';
import { isFaultLedgerEntry, readFaultLedgerEntry, withChaos } from '../../src/injectors/index.js';
import type { FaultLedgerEntry } from '../../src/injectors/index.js';
import { lambdaContext } from './helpers.js';

async function oneEntry(): Promise<FaultLedgerEntry> {
  const lines: Record<string, unknown>[] = [];
  const wrapped = withChaos(async (_event: unknown, _context: unknown) => 'ok', {
    config: { runId: 'run-9', faults: [{ kind: 'throttle', attempts: [1] }] },
    log: (line) => lines.push(line),
    now: () => Date.parse('2026-11-30T08:00:00Z'),
  });
  await wrapped({ RetryCount: 0 }, lambdaContext()).catch(() => undefined);
  const [entry] = lines;
  if (!isFaultLedgerEntry(entry)) throw new Error('expected one ledger line');
  return entry;
}

describe('Function: readFaultLedgerEntry', () => {
  it('reads the line as written, in the text log format and in the JSON log format', async () => {
    const entry = await oneEntry();
    const json = JSON.stringify(entry);
    expect(readFaultLedgerEntry(json)).toEqual(entry);
    expect(readFaultLedgerEntry(`2026-11-30T08:00:00.000Z\tc6af9ac6-7b61-11e6-9a41-93e812345678\tINFO\t${json}\n`)).toEqual(entry);
    const lambdaJsonFormat = JSON.stringify({ timestamp: '2026-11-30T08:00:00.000Z', level: 'INFO', requestId: 'c6af9ac6', message: json });
    expect(readFaultLedgerEntry(lambdaJsonFormat)).toEqual(entry);
    expect(readFaultLedgerEntry({ level: 'INFO', message: entry })).toEqual(entry);
    expect(entry).toMatchObject({
      faultId: 'throttle-0',
      errorName: 'Lambda.TooManyRequestsException',
      attempt: 1,
      runId: 'run-9',
      scenarioId: null,
    });
  });

  it.each([
    'START RequestId: c6af9ac6 Version: $LATEST',
    '{"sfnChaos":"warning","code":"invalid-config"}',
    '{"sfnChaos":"fault-injected"}',
    '2026-11-30T08:00:00.000Z\tc6af9ac6\tINFO\t{not json',
    '[1,2,3]',
  ])('ignores %j', (line) => {
    expect(readFaultLedgerEntry(line)).toBeUndefined();
  });
});
