import { describe, expect, it } from '@jest/globals';
import { TargetError } from '../../src/errors.js';
import { errorPayloadOf, functionTimeoutPayload, stepFunctionsErrorOf } from '../../src/engine/lambda/lambdaErrorPayload.js';
import { pythonJsonDumps } from '../../src/engine/data/pythonJsonDumps.js';
import { eventsOfType, localFunction, namedError, parsed, run, singleInvokeTask, singleTask } from './helpers.js';

const requestId = '11111111-2222-4333-8444-555555555555';

describe('error payloads as the Lambda runtimes write them', () => {
  it('Node.js: errorType is error.name, with the stack as trace', () => {
    const error = namedError('HTTPError', 'upstream returned 503');
    const { document, text } = errorPayloadOf(error, 'nodejs', requestId);
    expect(document).toEqual({ errorType: 'HTTPError', errorMessage: 'upstream returned 503', trace: (error.stack ?? '').split('\n') });
    expect(text).toBe(JSON.stringify(document));
  });

  it('Node.js: a subclass without its own name reports "Error"', () => {
    class HTTPError extends Error {}
    expect(errorPayloadOf(new HTTPError('x'), 'nodejs', requestId).document['errorType']).toBe('Error');
  });

  it('Node.js: a thrown non-Error value reports its typeof and String()', () => {
    expect(errorPayloadOf('boom', 'nodejs', requestId).document).toEqual({ errorType: 'string', errorMessage: 'boom', trace: [] });
    expect(errorPayloadOf(42, 'nodejs', requestId).document).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
    expect(errorPayloadOf({ code: 1 }, 'nodejs', requestId).document).toEqual({
      errorType: 'object',
      errorMessage: '[object Object]',
      trace: [],
    });
  });

  it('Python: errorMessage, errorType, requestId, stackTrace, written with json.dumps spacing', () => {
    const error = Object.assign(namedError('CustomException', ''), { stackTrace: ['  File "/var/task/handler.py", line 9, in handler\n'] });
    const { document, text } = errorPayloadOf(error, 'python', requestId);
    expect(Object.keys(document)).toEqual(['errorMessage', 'errorType', 'requestId', 'stackTrace']);
    expect(text).toBe(
      `{"errorMessage": "", "errorType": "CustomException", "requestId": "${requestId}", "stackTrace": ["  File \\"/var/task/handler.py\\", line 9, in handler\\n"]}`,
    );
  });

  it('Python json.dumps escapes non-ASCII characters', () => {
    expect(pythonJsonDumps({ message: 'Größe €', list: [1, true, null] })).toBe(
      '{"message": "Gr\\u00f6\\u00dfe \\u20ac", "list": [1, true, null]}',
    );
  });

  it('the function timeout payload names Sandbox.Timedout', () => {
    expect(functionTimeoutPayload(requestId, 3).document).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after 3.00 seconds`,
    });
  });
});

describe('error name and cause as Step Functions derives them', () => {
  const python = errorPayloadOf(Object.assign(namedError('Exception', 'x'), { stackTrace: [] }), 'python', requestId);

  it('the legacy integration passes the payload text through; lambda:invoke re-serialises it compactly', () => {
    expect(stepFunctionsErrorOf(python, true)).toEqual({ error: 'Exception', cause: python.text });
    expect(stepFunctionsErrorOf(python, false)).toEqual({ error: 'Exception', cause: JSON.stringify(python.document) });
  });

  it('a payload without errorType becomes Lambda.Unknown', () => {
    const payload = {
      document: { errorMessage: '2024-01-01T00:00:00.000Z abc Task timed out after 60.06 seconds' },
      text: '{"errorMessage":"…"}',
    };
    expect(stepFunctionsErrorOf(payload, true)).toEqual({
      error: 'Lambda.Unknown',
      cause: 'The cause could not be determined because Lambda did not return an error type. Returned payload: {"errorMessage":"…"}',
    });
  });
});

describe('Lambda integrations in the history', () => {
  it('legacy resource: LambdaFunctionFailed carries errorType and the runtime payload', async () => {
    const fn = localFunction('work', async () => Promise.reject(namedError('HTTPError', 'bad gateway')));
    const result = await run(singleTask('work'), [fn]);
    const details = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(details?.error).toBe('HTTPError');
    expect(JSON.parse(details?.cause ?? '')).toMatchObject({ errorType: 'HTTPError', errorMessage: 'bad gateway' });
  });

  it('lambda:invoke success: Task events and the whole Invoke response as the result', async () => {
    const fn = localFunction('work', async (event) => ({ echoed: event }));
    const result = await run(singleInvokeTask('work'), [fn], { input: { n: 1 } });
    expect(eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: JSON.stringify({ FunctionName: 'work', Payload: { n: 1 } }),
    });
    expect(eventsOfType(result, 'TaskStarted')[0]?.taskStartedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke' });
    const output = parsed(result.output) as Record<string, unknown>;
    expect(output).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { echoed: { n: 1 } }, StatusCode: 200 });
    expect(output['SdkHttpMetadata']).toMatchObject({
      HttpStatusCode: 200,
      HttpHeaders: { 'Content-Length': String(JSON.stringify({ echoed: { n: 1 } }).length) },
    });
    expect(output['SdkResponseMetadata']).toEqual({ RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('lambda:invoke passes Payload (or {} without one) and resolves FunctionName given as name, partial or full ARN', async () => {
    const seen: unknown[] = [];
    const fn = localFunction('work', async (event) => seen.push(event));
    for (const FunctionName of ['work', '123456789012:function:work', 'arn:aws:lambda:us-east-1:123456789012:function:work']) {
      await run(singleInvokeTask('work', { Parameters: { FunctionName } }), [fn]);
    }
    expect(seen).toEqual([{}, {}, {}]);
  });

  it('lambda:invoke of a missing function: Lambda.ResourceNotFoundException, matched by States.TaskFailed', async () => {
    const result = await run(
      singleInvokeTask(
        'missing',
        { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handled' }], Next: 'Handled' },
        { Handled: { Type: 'Pass', End: true } },
      ),
      [],
    );
    const details = eventsOfType(result, 'TaskFailed')[0]?.taskFailedEventDetails;
    expect(details?.error).toBe('Lambda.ResourceNotFoundException');
    expect(details?.cause).toMatch(
      /^Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect(result.status).toBe('SUCCEEDED');
  });

  it('a missing function behind a legacy ARN is refused rather than guessed', async () => {
    await expect(run(singleTask('missing'), [])).rejects.toThrow(TargetError);
  });

  it('a fresh request id per attempt, visible in the context and the error payload', async () => {
    const ids: string[] = [];
    const fn = localFunction(
      'work',
      async (_event, context) => {
        ids.push(context.awsRequestId);
        throw Object.assign(namedError('Exception', 'x'), { stackTrace: [] });
      },
      { runtime: 'python' },
    );
    const result = await run(singleTask('work', { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }] }), [fn]);
    expect(new Set(ids).size).toBe(2);
    const causes = eventsOfType(result, 'LambdaFunctionFailed').map(
      (event) => JSON.parse(event.lambdaFunctionFailedEventDetails?.cause ?? '{}') as { requestId: string },
    );
    expect(causes.map((cause) => cause.requestId)).toEqual(ids);
  });

  it('gives the handler a copy of its payload, so mutations do not leak into the history', async () => {
    const fn = localFunction('work', async (event) => {
      (event as { n: number }).n = 99;
      return 'ok';
    });
    const result = await run(singleTask('work', { ResultPath: '$.result' }), [fn], { input: { n: 1 } });
    expect(parsed(result.output)).toEqual({ n: 1, result: 'ok' });
  });

  it('refuses an InvocationType Lambda does not know, chosen at run time, instead of behaving differently', async () => {
    const fn = localFunction('work', async () => 'ok');
    await expect(
      run(singleInvokeTask('work', { Parameters: { FunctionName: 'work', 'InvocationType.$': '$.type' } }), [fn], {
        input: { type: 'Later' },
      }),
    ).rejects.toThrow(/InvocationType "Later" is not supported/);
  });
});
