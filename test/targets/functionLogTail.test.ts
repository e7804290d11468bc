import { afterEach, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import type { LocalFunction } from '../../src/engine/index.js';
import { recordFunctionLog } from '../../src/engine/index.js';
import { ExecutionEnvironment } from '../../src/targets/local/runtime/ExecutionEnvironment.js';
import { arnOf, eventsOfType, localFunction, parsed, run } from '../engine/helpers.js';

const file = fileURLToPath(new URL('./fixtures/consoleLogs.mjs', import.meta.url));
const environments: ExecutionEnvironment[] = [];

afterEach(async () => {
  await Promise.all(environments.splice(0).map((environment) => environment.close()));
});

function inEnvironment(exportName: string): LocalFunction {
  const environment = new ExecutionEnvironment({ file, exportName });
  environments.push(environment);
  return {
    name: 'work',
    arn: arnOf('work'),
    timeoutSeconds: 30,
    invoke: (payload, context) => environment.invoke(payload, context),
    stop: (context) => environment.stop(context),
  };
}

/** A Map of `lambda:invoke` Tasks with `LogType: Tail`, all iterations at once. */
const definition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'work', 'Payload.$': '$', LogType: 'Tail' },
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

interface InvokeOutput {
  LogResult: string;
  Payload: { item: string };
  SdkResponseMetadata: { RequestId: string };
}

function logsOf(outputs: InvokeOutput[]): Record<string, string[]> {
  return Object.fromEntries(
    outputs.map((output) => [output.Payload.item, Buffer.from(output.LogResult, 'base64').toString('utf8').split('\n')]),
  );
}

describe("the function's own log lines in LogResult", () => {
  it('puts what the handler wrote between START and END, in the Node.js runtime format, each invocation its own', async () => {
    // b sleeps less than a, so their lines interleave in time; each log still holds only its own.
    const result = await run(definition, [inEnvironment('logsAroundASleep')], {
      input: {
        items: [
          { item: 'a', sleepMs: 3_000 },
          { item: 'b', sleepMs: 1_000 },
        ],
      },
    });
    expect([result.status, result.cause]).toEqual(['SUCCEEDED', undefined]);
    const outputs = parsed(result.output) as InvokeOutput[];
    const [a, b] = outputs.map((output) => output.SdkResponseMetadata.RequestId);
    expect(logsOf(outputs)).toEqual({
      a: [
        `START RequestId: ${a} Version: $LATEST`,
        `2025-01-01T00:00:00.000Z\t${a}\tINFO\tcharging a`,
        `2025-01-01T00:00:03.000Z\t${a}\tWARN\tcharged { item: 'a' }`,
        'raw a',
        `2025-01-01T00:00:03.000Z\t${a}\tERROR\ttwo`,
        'lines',
        `END RequestId: ${a}`,
        expect.stringMatching(new RegExp(`^REPORT RequestId: ${a}\tDuration: 3000\\.00 ms\t`)),
        '',
      ],
      b: [
        `START RequestId: ${b} Version: $LATEST`,
        `2025-01-01T00:00:00.000Z\t${b}\tINFO\tcharging b`,
        `2025-01-01T00:00:01.000Z\t${b}\tWARN\tcharged { item: 'b' }`,
        'raw b',
        `2025-01-01T00:00:01.000Z\t${b}\tERROR\ttwo`,
        'lines',
        `END RequestId: ${b}`,
        expect.stringMatching(new RegExp(`^REPORT RequestId: ${b}\tDuration: 1000\\.00 ms\t`)),
        '',
      ],
    });
  });

  it('keeps only the last 4 KB when the handler writes more', async () => {
    const chatty = localFunction('work', async (_event, context) => {
      const line = `${new Date(context.sfnChaos.now()).toISOString()}\t${context.awsRequestId}\tINFO\t${'x'.repeat(100)}`;
      recordFunctionLog(
        context,
        Array.from({ length: 100 }, () => line),
      );
      return {};
    });
    const result = await run(
      {
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'work', LogType: 'Tail' },
            End: true,
          },
        },
      },
      [chatty],
    );
    const [succeeded] = eventsOfType(result, 'TaskSucceeded');
    const output = parsed(succeeded?.taskSucceededEventDetails?.output) as InvokeOutput;
    const log = Buffer.from(output.LogResult, 'base64').toString('utf8');
    expect(Buffer.byteLength(log)).toBe(4096);
    expect(log).toMatch(/\tINFO\tx{100}\nEND RequestId: /);
    expect(log).not.toMatch(/^START/);
  });
});
