import { describe, expect, it } from '@jest/globals';
import { localFunction, run } from './helpers.js';

const work = localFunction('work', async (_event, context) => {
  await context.sfnChaos.sleep(1500);
  return { ok: true };
});

const definition = (parameters: Record<string, unknown>) => ({
  StartAt: 'Invoke',
  States: {
    Invoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'work', ...parameters }, End: true },
  },
});

describe('lambda:invoke with LogType: Tail', () => {
  it('adds LogResult (base64 of the START/END/REPORT log) and the X-Amz-Log-Result header', async () => {
    const result = await run(definition({ LogType: 'Tail' }), [work]);
    expect(result.status).toBe('SUCCEEDED');
    const output = JSON.parse(result.output ?? 'null') as {
      LogResult: string;
      SdkHttpMetadata: { AllHttpHeaders: Record<string, string[]>; HttpHeaders: Record<string, string> };
      SdkResponseMetadata: { RequestId: string };
    };
    const requestId = output.SdkResponseMetadata.RequestId;
    expect(Buffer.from(output.LogResult, 'base64').toString('utf8')).toBe(
      `START RequestId: ${requestId} Version: $LATEST\nEND RequestId: ${requestId}\n` +
        `REPORT RequestId: ${requestId}\tDuration: 1500.00 ms\tBilled Duration: 1500 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t\n`,
    );
    expect(output.SdkHttpMetadata.HttpHeaders['X-Amz-Log-Result']).toBe(output.LogResult);
    expect(output.SdkHttpMetadata.AllHttpHeaders['X-Amz-Log-Result']).toEqual([output.LogResult]);
    expect(Object.keys(output)).toEqual([
      'ExecutedVersion',
      'LogResult',
      'Payload',
      'SdkHttpMetadata',
      'SdkResponseMetadata',
      'StatusCode',
    ]);
  });

  it('adds neither with LogType: None', async () => {
    const result = await run(definition({ LogType: 'None' }), [work]);
    const output = JSON.parse(result.output ?? 'null') as Record<string, unknown>;
    expect(output).not.toHaveProperty('LogResult');
    expect(JSON.stringify(output)).not.toContain('X-Amz-Log-Result');
  });
});
