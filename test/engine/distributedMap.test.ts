import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues, formatDefinitionIssue } from '../../src/engine/index.js';
import { analyzeHistory } from '../../src/assertions/index.js';
import { arnOf, eventsOfType, localFunction, namedError, parsed, run, typesOf } from './helpers.js';

const worker = (fields: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: arnOf('work'), End: true, ...fields });

function distributedMap(fields: Record<string, unknown> = {}, processorStates: Record<string, unknown> = { Work: worker() }): unknown {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: Object.keys(processorStates)[0],
          States: processorStates,
        },
        End: true,
        ...fields,
      },
    },
  };
}

/** Doubles `n`; fails with ItemFailed when the item has `fail: true`. */
const work = localFunction('work', async (event: unknown) => {
  const item = event as { n?: number; fail?: boolean };
  if (item.fail) throw namedError('ItemFailed');
  return { doubled: (item.n ?? 0) * 2 };
});

describe('Distributed Map: events and shapes', () => {
  it('runs each item as a child execution and writes MapRunStarted / MapRunSucceeded in the parent history', async () => {
    const result = await run(distributedMap({ ItemsPath: '$.items' }), [work], { input: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] } });
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    const [started] = eventsOfType(result, 'MapRunStarted');
    expect(started?.mapRunStartedEventDetails?.mapRunArn).toMatch(
      /^arn:aws:states:us-east-1:123456789012:mapRun:sfn-chaos-local\/[0-9a-f-]+:[0-9a-f-]+$/,
    );
    expect(parsed(result.output)).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    const [mapRun] = result.mapRuns ?? [];
    expect(mapRun?.childExecutions).toEqual({ total: 3, succeeded: 3, failed: 0, timedOut: 0, aborted: 0 });
    expect(mapRun?.executions.map((child) => typesOf(child)[0])).toEqual(['ExecutionStarted', 'ExecutionStarted', 'ExecutionStarted']);
    expect(mapRun?.executions[0]?.executionArn).toMatch(/:execution:sfn-chaos-local\/[0-9a-f-]+:[0-9a-f-]+$/);
    // The children are the Map Run's, not nested workflows of the parent.
    expect(result.childExecutions).toBeUndefined();
  });

  it('uses the Label in the Map Run ARN and applies ItemSelector with $$.Map.Item', async () => {
    const result = await run(
      distributedMap({ Label: 'doubling', ItemSelector: { 'n.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' } }),
      [work],
      { input: [5, 6] },
    );
    expect(eventsOfType(result, 'MapRunStarted')[0]?.mapRunStartedEventDetails?.mapRunArn).toContain(':mapRun:sfn-chaos-local/doubling:');
    expect(parsed(result.output)).toEqual([{ doubled: 10 }, { doubled: 12 }]);
  });
});

describe('Distributed Map: ItemReader', () => {
  it('reads CSV rows as objects of strings, headers from the first row, at most MaxItems', async () => {
    const echo = localFunction('work', async (event: unknown) => event);
    const reader = {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 2 },
      Parameters: { Bucket: 'data', 'Key.$': '$.key' },
    };
    const result = await run(distributedMap({ ItemReader: reader }), [echo], {
      input: { key: 'people.csv' },
      s3Objects: { 's3://data/people.csv': 'id,name\n1,"Lovelace, Ada"\n2,Grace\n3,Alan\n' },
    });
    expect(parsed(result.output)).toEqual([
      { id: '1', name: 'Lovelace, Ada' },
      { id: '2', name: 'Grace' },
    ]);
  });

  it('reads CSV with CSVHeaders given, JSON arrays and JSON Lines', async () => {
    const echo = localFunction('work', async (event: unknown) => event);
    const s3Objects = { 's3://d/a.csv': 'x,y\n', 's3://d/a.json': '[{"v":1},{"v":2}]', 's3://d/a.jsonl': '{"v":1}\n{"v":2}\n' };
    const readerOf = (Key: string, ReaderConfig: Record<string, unknown>) => ({
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig, Parameters: { Bucket: 'd', Key } },
    });
    const given = await run(
      distributedMap(readerOf('a.csv', { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'b'] })),
      [echo],
      { s3Objects },
    );
    expect(parsed(given.output)).toEqual([{ a: 'x', b: 'y' }]);
    const json = await run(distributedMap(readerOf('a.json', { InputType: 'JSON' })), [echo], { s3Objects });
    expect(parsed(json.output)).toEqual([{ v: 1 }, { v: 2 }]);
    const jsonl = await run(distributedMap(readerOf('a.jsonl', { InputType: 'JSONL' })), [echo], { s3Objects });
    expect(parsed(jsonl.output)).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('fails the Map Run with States.ItemReaderFailed when the object is missing', async () => {
    const reader = {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { Bucket: 'd', Key: 'none.json' },
    };
    const result = await run(distributedMap({ ItemReader: reader }), [work]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.ItemReaderFailed');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(eventsOfType(result, 'MapRunFailed')[0]?.mapRunFailedEventDetails?.error).toBe('States.ItemReaderFailed');
  });
});

describe('Distributed Map: ItemBatcher', () => {
  it('groups items into batches of MaxItemsPerBatch with BatchInput', async () => {
    const echo = localFunction('work', async (event: unknown) => event);
    const result = await run(
      distributedMap({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } }, ItemsPath: '$.items' }),
      [echo],
      { input: { run: 'r1', items: [1, 2, 3] } },
    );
    expect(parsed(result.output)).toEqual([
      { BatchInput: { run: 'r1' }, Items: [1, 2] },
      { BatchInput: { run: 'r1' }, Items: [3] },
    ]);
    expect(result.mapRuns?.[0]?.childExecutions.total).toBe(2);
  });

  it('closes a batch before it grows past MaxInputBytesPerBatch', async () => {
    const echo = localFunction('work', async (event: unknown) => event);
    // {"Items":["aaaa","bbbb"]} is 25 bytes; a third item would make it 32.
    const result = await run(distributedMap({ ItemBatcher: { MaxInputBytesPerBatch: 30 } }), [echo], { input: ['aaaa', 'bbbb', 'cccc'] });
    expect(parsed(result.output)).toEqual([{ Items: ['aaaa', 'bbbb'] }, { Items: ['cccc'] }]);
  });
});

describe('Distributed Map: tolerated failures', () => {
  const items = (failing: number, total: number) => Array.from({ length: total }, (_, index) => ({ n: index, fail: index < failing }));

  it('fails on the first failed child by default, with States.ExceedToleratedFailureThreshold', async () => {
    const result = await run(distributedMap(), [work], { input: items(1, 3) });
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(eventsOfType(result, 'MapRunFailed')[0]?.mapRunFailedEventDetails).toEqual({
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
  });

  it('tolerates failures up to the percentage (fails only when greater than it)', async () => {
    const atThreshold = await run(distributedMap({ ToleratedFailurePercentage: 20 }), [work], { input: items(2, 10) });
    expect(atThreshold.status).toBe('SUCCEEDED');
    expect(atThreshold.mapRuns?.[0]?.childExecutions).toMatchObject({ succeeded: 8, failed: 2 });
    // A failed child shows in the output as its execution record.
    expect((parsed(atThreshold.output) as Array<Record<string, unknown>>)[0]).toMatchObject({ Status: 'FAILED', Error: 'ItemFailed' });
    const above = await run(distributedMap({ ToleratedFailurePercentage: 20 }), [work], { input: items(3, 10) });
    expect(above.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('reads ToleratedFailureCountPath from the state input', async () => {
    const definition = distributedMap({ ToleratedFailureCountPath: '$.tolerated', ItemsPath: '$.items' });
    const ok = await run(definition, [work], { input: { tolerated: 2, items: items(2, 4) } });
    expect(ok.status).toBe('SUCCEEDED');
    const failed = await run(definition, [work], { input: { tolerated: 1, items: items(2, 4) } });
    expect(failed.error).toBe('States.ExceedToleratedFailureThreshold');
  });
});

describe('Distributed Map: ResultWriter', () => {
  it('writes manifest.json and SUCCEEDED_0.json / FAILED_0.json and outputs MapRunArn and ResultWriterDetails', async () => {
    const result = await run(
      distributedMap({
        ToleratedFailureCount: 5,
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out', Prefix: 'runs' } },
      }),
      [work],
      { input: [{ n: 1 }, { n: 2, fail: true }] },
    );
    expect(result.status).toBe('SUCCEEDED');
    const mapRun = result.mapRuns?.[0];
    const runId = mapRun?.mapRunArn.split(':').pop();
    expect(parsed(result.output)).toEqual({
      MapRunArn: mapRun?.mapRunArn,
      ResultWriterDetails: { Bucket: 'out', Key: `runs/${runId}/manifest.json` },
    });
    const written = Object.fromEntries((mapRun?.writtenObjects ?? []).map((object) => [object.key, JSON.parse(object.body)]));
    const succeeded = written[`runs/${runId}/SUCCEEDED_0.json`];
    expect(succeeded).toEqual([expect.objectContaining({ Status: 'SUCCEEDED', Output: '{"doubled":2}', Input: '{"n":1}' })]);
    expect(written[`runs/${runId}/FAILED_0.json`]).toEqual([expect.objectContaining({ Status: 'FAILED', Error: 'ItemFailed' })]);
    expect(written[`runs/${runId}/manifest.json`]).toEqual({
      DestinationBucket: 'out',
      MapRunArn: mapRun?.mapRunArn,
      ResultFiles: {
        FAILED: [{ Key: `runs/${runId}/FAILED_0.json`, Size: expect.any(Number) }],
        PENDING: [],
        SUCCEEDED: [{ Key: `runs/${runId}/SUCCEEDED_0.json`, Size: expect.any(Number) }],
      },
    });
  });

  it('with WriterConfig alone, transforms the output without writing (FLATTEN)', async () => {
    const pair = localFunction('work', async (event: unknown) => [event, event]);
    const result = await run(
      distributedMap({ ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } }),
      [pair],
      { input: [1, 2] },
    );
    expect(parsed(result.output)).toEqual([1, 1, 2, 2]);
    expect(result.mapRuns?.[0]?.writtenObjects).toEqual([]);
  });
});

describe('Distributed Map: scale', () => {
  it('runs 10,000 items with counts on the result and an analysable parent history', async () => {
    const input = Array.from({ length: 10_000 }, (_, index) => ({ n: index, fail: index % 1000 === 0 }));
    const result = await run(distributedMap({ ToleratedFailureCount: 10, MaxConcurrency: 1000 }), [work], { input });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.mapRuns?.[0]?.childExecutions).toEqual({ total: 10_000, succeeded: 9_990, failed: 10, timedOut: 0, aborted: 0 });
    expect(result.events).toHaveLength(8);
    expect(analyzeHistory(result.events).visits.map((visit) => visit.name)).toEqual(['Each']);
  });
});

describe('Distributed Map: definition checks', () => {
  const issuesOf = (definition: unknown) => findDefinitionIssues(definition).map(formatDefinitionIssue);

  it('accepts a Distributed Map and refuses what the engine does not implement', () => {
    expect(issuesOf(distributedMap())).toEqual([]);
    const manifest = {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'MANIFEST' },
      Parameters: { Bucket: 'b', Key: 'k' },
    };
    expect(issuesOf(distributedMap({ ItemReader: manifest }))).toEqual([
      'States["Each"].ItemReader.ReaderConfig.InputType: InputType MANIFEST is not supported by the local engine yet',
    ]);
  });

  it('refuses Distributed-only fields on an inline Map', () => {
    const inline = {
      StartAt: 'Each',
      States: {
        Each: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, ItemBatcher: {}, End: true },
      },
    };
    expect(issuesOf(inline)).toEqual([
      'States["Each"].ItemBatcher: ItemBatcher is only allowed in a Map state whose ProcessorConfig.Mode is DISTRIBUTED',
    ]);
  });
});
