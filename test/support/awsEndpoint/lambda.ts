import { randomUUID } from 'node:crypto';
import { fail, ok, type Answer } from './wire.js';
import type { DeployedFunction, World } from './World.js';

/**
 * Lambda's REST API, the two calls the aws target makes: GetFunctionConfiguration
 * (`GET /2015-03-31/functions/NAME/configuration`) and UpdateFunctionConfiguration (`PUT` there), which
 * refuses a stale `RevisionId` with 412 PreconditionFailedException. An update is InProgress for the
 * next read, then Successful.
 */
export class Lambda {
  constructor(private readonly world: World) {}

  handle(method: string, path: string, body: Record<string, unknown>): Answer {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/.exec(path);
    if (!match) return fail('lambda', 404, 'UnknownOperationException', `no route ${method} ${path}`);
    const fn = this.world.functionNamed(decodeURIComponent(match[1] ?? ''));
    if (!fn) return fail('lambda', 404, 'ResourceNotFoundException', `Function not found: ${decodeURIComponent(match[1] ?? '')}`);
    if (method === 'GET') {
      const answer = ok('lambda', configurationOf(fn));
      if (fn.inProgressReads > 0) fn.inProgressReads -= 1;
      return answer;
    }
    if (method !== 'PUT') return fail('lambda', 405, 'UnknownOperationException', `${method} not supported`);
    if (body['RevisionId'] !== undefined && body['RevisionId'] !== fn.revisionId) {
      return fail(
        'lambda',
        412,
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
    }
    if (fn.inProgressReads > 0) {
      return fail(
        'lambda',
        409,
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${fn.arn}`,
      );
    }
    const environment = body['Environment'] as { Variables?: Record<string, string> } | undefined;
    if (environment !== undefined) fn.variables = { ...(environment.Variables ?? {}) };
    fn.revisionId = randomUUID();
    fn.inProgressReads = 1;
    return ok('lambda', { ...configurationOf(fn), LastUpdateStatus: 'InProgress', LastUpdateStatusReasonCode: 'Creating' });
  }
}

function configurationOf(fn: DeployedFunction): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.spec.runtime === 'python' ? 'python3.12' : 'nodejs20.x',
    Handler: 'index.handler',
    Timeout: fn.spec.timeoutSeconds,
    MemorySize: 128,
    Version: '$LATEST',
    Environment: { Variables: fn.variables },
    RevisionId: fn.revisionId,
    State: 'Active',
    LastUpdateStatus: fn.inProgressReads > 0 ? 'InProgress' : 'Successful',
    LoggingConfig: { LogFormat: 'Text', LogGroup: fn.logGroup },
  };
}
