import { randomHex } from '../runtime/randomHex.js';
import type { JsonObject, JsonValue } from '../data/json.js';

/**
 * The result `arn:aws:states:::lambda:invoke` hands to the state: Lambda's Invoke response as the
 * Java SDK inside Step Functions renders it (shape taken from an AWS-recorded TaskSucceeded event).
 * Header values that are random in AWS (trace id, request id) are random here too. `Content-Length`
 * is the byte length of `responseText`, the function's response as its runtime wrote it (recorded: a
 * Python function's `json.dumps` spacing counts); without it, of the payload's compact JSON text.
 * `logResult` (an Invoke with `LogType: Tail`) adds `LogResult` and the `X-Amz-Log-Result` header that
 * carries it (Lambda Invoke API reference); where Step Functions places them among the other fields and
 * headers is UNCONFIRMED (here: keys in the order the recorded ones suggest, after the executed version).
 */
export function lambdaInvokeResponse(
  payload: JsonValue,
  requestId: string,
  virtualNowMs: number,
  executedVersion: string,
  responseText?: string,
  logResult?: string,
): JsonObject {
  const logHeader = logResult === undefined ? {} : { 'X-Amz-Log-Result': logResult };
  const contentLength = String(Buffer.byteLength(responseText ?? JSON.stringify(payload), 'utf8'));
  const date = new Date(virtualNowMs).toUTCString();
  const traceId = `Root=1-${Math.floor(virtualNowMs / 1000).toString(16)}-${randomHex(24)};Parent=${randomHex(16)};Sampled=0`;
  return {
    ExecutedVersion: executedVersion,
    ...(logResult === undefined ? {} : { LogResult: logResult }),
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: {
        'X-Amz-Executed-Version': [executedVersion],
        ...(logResult === undefined ? {} : { 'X-Amz-Log-Result': [logResult] }),
        'x-amzn-Remapped-Content-Length': ['0'],
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': [contentLength],
        Date: [date],
        'X-Amzn-Trace-Id': [traceId],
        'Content-Type': ['application/json'],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': contentLength,
        'Content-Type': 'application/json',
        Date: date,
        'X-Amz-Executed-Version': executedVersion,
        ...logHeader,
        'x-amzn-Remapped-Content-Length': '0',
        'x-amzn-RequestId': requestId,
        'X-Amzn-Trace-Id': traceId,
      },
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
