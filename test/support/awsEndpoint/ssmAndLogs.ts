import { fail, ok, type Answer } from './wire.js';
import type { World } from './World.js';

type Body = Record<string, unknown>;

/** SSM (JSON 1.1, `AmazonSSM.<Op>`): GetParameter, PutParameter, DeleteParameter. */
export function ssm(world: World, operation: string, body: Body): Answer {
  const name = String(body['Name'] ?? '');
  const found = world.parameters.get(name);
  switch (operation) {
    case 'GetParameter':
      if (!found) return fail('ssm', 400, 'ParameterNotFound', '');
      return ok('ssm', {
        Parameter: {
          Name: name,
          Type: found.type,
          Value: found.value,
          Version: found.version,
          DataType: 'text',
          ARN: `arn:aws:ssm:us-east-1:123456789012:parameter${name}`,
        },
      });
    case 'PutParameter': {
      if (found && body['Overwrite'] !== true)
        return fail(
          'ssm',
          400,
          'ParameterAlreadyExists',
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
        );
      const version = (found?.version ?? 0) + 1;
      world.parameters.set(name, { value: String(body['Value'] ?? ''), type: String(body['Type'] ?? found?.type ?? 'String'), version });
      return ok('ssm', { Version: version, Tier: 'Standard' });
    }
    case 'DeleteParameter':
      if (!world.parameters.delete(name)) return fail('ssm', 400, 'ParameterNotFound', '');
      return ok('ssm', {});
    default:
      return fail('ssm', 400, 'InvalidAction', `unknown operation ${operation}`);
  }
}

const LOG_PAGE_SIZE = 25;

/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.FilterLogEvents`): the time window, a pattern of quoted terms
 * (all must appear) or `{ $.execution_arn = "…" }`, and pages of at most 25 events.
 */
export function filterLogEvents(world: World, operation: string, body: Body): Answer {
  if (operation !== 'FilterLogEvents') return fail('logs', 400, 'InvalidOperationException', `unknown operation ${operation}`);
  const group = String(body['logGroupName'] ?? '');
  const events = world.logGroups.get(group);
  if (!events) return fail('logs', 400, 'ResourceNotFoundException', 'The specified log group does not exist.');
  const pattern = String(body['filterPattern'] ?? '');
  const arn = /^\{\s*\$\.execution_arn\s*=\s*"([^"]*)"\s*\}$/.exec(pattern)?.[1];
  const terms = arn === undefined ? [...pattern.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '') : [];
  const from = Number(body['startTime'] ?? 0);
  const to = Number(body['endTime'] ?? Number.MAX_SAFE_INTEGER);
  const matching = events.filter(
    (event) =>
      event.timestamp >= from &&
      event.timestamp <= to &&
      (arn === undefined ? terms.every((term) => event.message.includes(term)) : event.message.includes(`"execution_arn":"${arn}"`)),
  );
  const start = typeof body['nextToken'] === 'string' ? Number(body['nextToken'].replace(/^page-/, '')) : 0;
  const size = Math.min(Number(body['limit'] ?? 0) || LOG_PAGE_SIZE, LOG_PAGE_SIZE);
  const page = matching.slice(start, start + size).map((event) => ({ ...event, ingestionTime: event.timestamp }));
  return ok('logs', {
    events: page,
    searchedLogStreams: [],
    ...(start + size < matching.length ? { nextToken: `page-${start + size}` } : {}),
  });
}
