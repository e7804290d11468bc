import nock from 'nock';

/** The region, endpoint and protocol the SSM client uses in these tests (AWS JSON 1.1 over HTTPS). */
export const SSM_REGION = 'eu-west-1';
export const SSM_ENDPOINT = `https://ssm.${SSM_REGION}.amazonaws.com`;

/** Fake credentials and region for the default client, and no real network. Returns a restore function. */
export function useFakeAwsEnvironment(): () => void {
  const saved = { ...process.env };
  process.env['AWS_REGION'] = SSM_REGION;
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAIOSFODNN7EXAMPLE';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  delete process.env['AWS_PROFILE'];
  delete process.env['AWS_SESSION_TOKEN'];
  // nock patches node:http for the whole worker; a patch left by an earlier test file would call into
  // that file's torn-down module registry, so activate on entry and restore on exit.
  if (!nock.isActive()) nock.activate();
  nock.disableNetConnect();
  return () => {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

/** The body SSM answers a GetParameter with. */
export function parameterResponse(name: string, value: string, version = 1): Record<string, unknown> {
  return { Parameter: { Name: name, Type: 'String', Value: value, Version: version, DataType: 'text' } };
}

/**
 * Expects one GetParameter call for `name` and answers it. The request must be the SSM JSON protocol:
 * a POST to the regional endpoint, `X-Amz-Target: AmazonSSM.GetParameter`, a signed request, and a body
 * asking for the named parameter, decrypted. `times` answers that many identical calls (the client retries once).
 */
export function expectGetParameter(name: string, status: number, body: Record<string, unknown>, times = 1): nock.Scope {
  return nock(SSM_ENDPOINT, {
    reqheaders: {
      'x-amz-target': 'AmazonSSM.GetParameter',
      'content-type': 'application/x-amz-json-1.1',
      authorization: (value: string) => value.startsWith('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/'),
    },
  })
    .post('/', (requestBody: Record<string, unknown>) => requestBody['Name'] === name && requestBody['WithDecryption'] === true)
    .times(times)
    .reply(status, body, {
      'content-type': 'application/x-amz-json-1.1',
      ...(status >= 400 ? { 'x-amzn-errortype': String(body['__type']) } : {}),
    });
}
