import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import nock from 'nock';
import { createAwsClients } from '../../../src/targets/aws/clients/awsClients.js';

/**
 * With AWS_ENDPOINT_URL set (an AWS-compatible endpoint of the user's own), every call goes to that one
 * host: StartSyncExecution must not get the `sync-` host prefix it has on AWS.
 */
let server: Server;
let url: string;
const seen: Array<{ target: string | undefined; host: string | undefined }> = [];

beforeAll(async () => {
  // nock patches node:http for the whole jest worker; this test needs the real sockets (as the soak test does).
  if (nock.isActive()) nock.restore();
  nock.enableNetConnect();
  server = createServer((request: IncomingMessage, response) => {
    seen.push({ target: request.headers['x-amz-target'] as string | undefined, host: request.headers.host });
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          executionArn: 'arn:aws:states:us-east-1:111111111111:express:m:e:1',
          startDate: 1,
          stopDate: 2,
          status: 'SUCCEEDED',
          output: '{}',
        }),
      );
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((closed) => server.close(() => closed()));
});

describe("Function: createAwsClients with an endpoint of the user's own", () => {
  it.each(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_SFN'])('sends StartSyncExecution to the host %s names', async (variable) => {
    const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', [variable]: url };
    // The SDK reads the endpoint and the credentials from the process environment itself.
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env['AWS_PROFILE'];
    const clients = createAwsClients({}, env);
    try {
      const answer = await clients.sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:m', name: 'e', input: '{}' }),
      );
      expect(answer.status).toBe('SUCCEEDED');
      expect(seen.at(-1)).toEqual({ target: 'AWSStepFunctions.StartSyncExecution', host: url.replace('http://', '') });
    } finally {
      clients.sfn.destroy();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
