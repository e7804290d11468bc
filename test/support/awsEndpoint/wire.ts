import { randomUUID } from 'node:crypto';

/** The four services the endpoint speaks, by the wire protocol their SDK v3 clients use. */
export type Service = 'sfn' | 'lambda' | 'ssm' | 'logs';

/** One HTTP answer, ready to send. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CONTENT_TYPE: Record<Exclude<Service, 'lambda'>, string> = {
  sfn: 'application/x-amz-json-1.0',
  ssm: 'application/x-amz-json-1.1',
  logs: 'application/x-amz-json-1.1',
};

function requestId(): Record<string, string> {
  return { 'x-amzn-requestid': randomUUID() };
}

/** A successful answer of `service`, with its JSON body (AWS JSON 1.0/1.1 or Lambda's REST JSON). */
export function ok(service: Service, body: unknown, status = 200): Answer {
  const contentType = service === 'lambda' ? 'application/json' : CONTENT_TYPE[service];
  return { status, headers: { 'content-type': contentType, ...requestId() }, body: JSON.stringify(body) };
}

/**
 * An error as `service` sends it: the JSON protocols name it in `__type`; Lambda's REST protocol in the
 * `x-amzn-errortype` header, with `Type` (User/Service) and `message` in the body.
 */
export function fail(service: Service, status: number, code: string, message: string): Answer {
  if (service === 'lambda') {
    return {
      status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws.awsgirdle/`,
        ...requestId(),
      },
      body: JSON.stringify({ Type: status >= 500 ? 'Service' : 'User', message }),
    };
  }
  return { status, headers: { 'content-type': CONTENT_TYPE[service], ...requestId() }, body: JSON.stringify({ __type: code, message }) };
}

/** What each service answers when the caller is over its quota (the codes the SDK and AWS use). */
export function throttled(service: Service): Answer {
  if (service === 'lambda') {
    const answer = fail('lambda', 429, 'TooManyRequestsException', 'Rate exceeded');
    return {
      ...answer,
      headers: { ...answer.headers, 'retry-after': '1' },
      body: JSON.stringify({ Type: 'User', message: 'Rate exceeded', Reason: 'CallerRateLimitExceeded' }),
    };
  }
  return fail(service, 400, 'ThrottlingException', 'Rate exceeded');
}

/** A 500 in the service's own shape. */
export function internalError(service: Service): Answer {
  if (service === 'lambda') return fail('lambda', 500, 'ServiceException', 'An internal error occurred.');
  if (service === 'ssm') return fail('ssm', 500, 'InternalServerError', 'An internal error occurred.');
  return fail(service, 500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
}

/** A 503 in the service's JSON shape, or (`html`) the bare HTML page a load balancer in front sends. */
export function unavailable(service: Service, html: boolean): Answer {
  if (html) {
    return {
      status: 503,
      headers: { 'content-type': 'text/html' },
      body: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
    };
  }
  return service === 'lambda'
    ? fail('lambda', 503, 'ServiceException', 'Service Unavailable')
    : fail(service, 503, 'ServiceUnavailable', 'Service is unavailable.');
}

/** Epoch seconds, as the JSON protocols carry timestamps. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
