import { randomHex } from '../runtime/randomHex.js';
import type { JsonObject } from '../data/json.js';

/** `InvocationType` values of Lambda's Invoke API whose call returns before (or without) running the function. */
export const DeferredInvocationType = {
  /** Queued for asynchronous invocation: HTTP 202. */
  Event: 'Event',
  /** Parameters and permissions checked, the function not run: HTTP 204. */
  DryRun: 'DryRun',
} as const;
export type DeferredInvocationType = (typeof DeferredInvocationType)[keyof typeof DeferredInvocationType];

/** `StatusCode` of the Invoke response per invocation type, as the Lambda API reference gives them (Event 202, DryRun 204). */
const statusCodes: Record<DeferredInvocationType, number> = { Event: 202, DryRun: 204 };

/**
 * The result `arn:aws:states:::lambda:invoke` hands to the state for `InvocationType: Event` or
 * `DryRun`: the synchronous response's envelope (see `lambdaInvokeResponse`) around an empty body.
 *
 * Sources: the Lambda Invoke API reference (`StatusCode` 202 for Event, 204 for DryRun; the payload is
 * the function's response, which an unrun function has not given) and the CLI output the Lambda
 * guide shows for an asynchronous invoke (`{ "StatusCode": 202 }`, no `ExecutedVersion`).
 * UNCONFIRMED (no recorded history): `Payload` as the empty string (the optimized integration parses
 * the body as JSON; an empty body has nothing to parse), no `ExecutedVersion` and no
 * `X-Amz-Executed-Version` header (no version has run yet), and the header set (no `Content-Type`,
 * no `x-amzn-Remapped-Content-Length`).
 *
 * @example
 * lambdaDeferredInvokeResponse('Event', requestId, clock.now()).StatusCode; // 202
 */
export function lambdaDeferredInvokeResponse(invocationType: DeferredInvocationType, requestId: string, virtualNowMs: number): JsonObject {
  const statusCode = statusCodes[invocationType];
  const date = new Date(virtualNowMs).toUTCString();
  const traceId = `Root=1-${Math.floor(virtualNowMs / 1000).toString(16)}-${randomHex(24)};Parent=${randomHex(16)};Sampled=0`;
  return {
    Payload: '',
    SdkHttpMetadata: {
      AllHttpHeaders: {
        Connection: ['keep-alive'],
        'x-amzn-RequestId': [requestId],
        'Content-Length': ['0'],
        Date: [date],
        'X-Amzn-Trace-Id': [traceId],
      },
      HttpHeaders: {
        Connection: 'keep-alive',
        'Content-Length': '0',
        Date: date,
        'x-amzn-RequestId': requestId,
        'X-Amzn-Trace-Id': traceId,
      },
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: statusCode,
  };
}

/** True for an `InvocationType` the engine answers without waiting for the function. */
export function isDeferredInvocationType(value: unknown): value is DeferredInvocationType {
  return value === DeferredInvocationType.Event || value === DeferredInvocationType.DryRun;
}
