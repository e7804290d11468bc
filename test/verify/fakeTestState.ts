import nock from 'nock';
import { REGION } from '../targets/aws/fakeAws.js';

/** One TestState request as it reached the fake (the JSON body the SDK sent). */
export type TestStateRequestBody = Record<string, unknown>;

/** What the fake answers one request with: a TestState response body, or an AWS error. */
export type TestStateAnswer = Record<string, unknown> | { status: number; error: { __type: string; message: string } };

/**
 * Answers `POST /` with `X-Amz-Target: AWSStepFunctions.TestState` on the Region's Step Functions endpoint (the
 * `sync-` host, the SDK model's host prefix for TestState, as for StartSyncExecution), as
 * the API reference documents the call (a JSON body with `definition`, `input`, `mock`, `stateConfiguration`,
 * …; a JSON answer with `status`, `nextState`, `output`, `inspectionData.errorDetails`). `answer` gives each
 * response; every request is kept in `requests`.
 */
export function fakeTestState(answer: (body: TestStateRequestBody) => TestStateAnswer): { requests: TestStateRequestBody[] } {
  const log = { requests: [] as TestStateRequestBody[] };
  nock(`https://sync-states.${REGION}.amazonaws.com`)
    .persist()
    .post('/')
    .matchHeader('x-amz-target', 'AWSStepFunctions.TestState')
    .reply(async (request) => {
      const body = JSON.parse(await request.text()) as TestStateRequestBody;
      log.requests.push(body);
      const reply = answer(body);
      const json = { 'content-type': 'application/x-amz-json-1.0' };
      const result = 'error' in reply && typeof reply['status'] === 'number' ? [reply['status'], reply['error'], json] : [200, reply, json];
      return result as unknown as nock.ReplyFnResult;
    });
  return log;
}

interface Rule {
  ErrorEquals: string[];
  MaxAttempts?: number;
  IntervalSeconds?: number;
  BackoffRate?: number;
  Next?: string;
}

/**
 * What TestState answers for a JSONPath Task without InputPath/ResultPath/OutputPath, as the developer guide
 * describes mocked tests: a mocked result passes through to `output` and `nextState` is the state's `Next`;
 * a mocked error goes to the first retrier naming it (or States.ALL) while `retrierRetryCount` is below its
 * `MaxAttempts` (RETRIABLE, with `retryIndex` and `IntervalSeconds × BackoffRate^count`), then to the first
 * matching catcher (CAUGHT_ERROR, the error output `{ Error, Cause }` as the output), else FAILED.
 */
export function answerLikeAws(body: TestStateRequestBody): TestStateAnswer {
  const state = JSON.parse(String(body['definition'])) as { Next?: string; Retry?: Rule[]; Catch?: Rule[] };
  const mock = body['mock'] as { result?: string; errorOutput?: { error: string; cause?: string } };
  if (mock.result !== undefined) {
    return {
      status: 'SUCCEEDED',
      output: mock.result,
      ...(state.Next ? { nextState: state.Next } : {}),
      inspectionData: { result: mock.result },
    };
  }
  const { error, cause } = mock.errorOutput ?? { error: '' };
  const matches = (rule: Rule): boolean => rule.ErrorEquals.includes(error) || rule.ErrorEquals.includes('States.ALL');
  const count = Number((body['stateConfiguration'] as { retrierRetryCount?: number } | undefined)?.retrierRetryCount ?? 0);
  const retryIndex = (state.Retry ?? []).findIndex(matches);
  const retrier = state.Retry?.[retryIndex];
  if (retrier && count < (retrier.MaxAttempts ?? 3)) {
    const seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** count;
    return { status: 'RETRIABLE', error, cause, inspectionData: { errorDetails: { retryIndex, retryBackoffIntervalSeconds: seconds } } };
  }
  const catchIndex = (state.Catch ?? []).findIndex(matches);
  const catcher = state.Catch?.[catchIndex];
  if (catcher) {
    return {
      status: 'CAUGHT_ERROR',
      nextState: catcher.Next,
      output: JSON.stringify({ Error: error, Cause: cause }),
      error,
      cause,
      inspectionData: { errorDetails: { catchIndex } },
    };
  }
  return { status: 'FAILED', error, cause };
}
