import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import nock from 'nock';
import { REGION } from './fakeAws.js';

/**
 * Jest hooks for a test file that talks to FakeAws: fake credentials and Region, nock active with the
 * network off between tests, and the environment put back afterwards.
 */
export function useFakeAwsEnvironment(): void {
  let saved: NodeJS.ProcessEnv;
  beforeAll(() => {
    saved = { ...process.env };
    if (!nock.isActive()) nock.activate();
    delete process.env['AWS_PROFILE'];
    delete process.env['AWS_SESSION_TOKEN'];
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret';
    process.env['AWS_REGION'] = REGION;
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  });
  beforeEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterAll(() => {
    nock.restore();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}
