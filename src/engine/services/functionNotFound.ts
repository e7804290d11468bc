import { randomUUID } from 'node:crypto';
import { LambdaErrorName } from '../asl/errorNames.js';
import { qualifiedFunctionArn } from '../lambda/functionRef.js';
import type { ExecutionScope } from '../runtime/ExecutionScope.js';
import type { ServiceCallOutcome } from './serviceTaskAttempt.js';

/** Lambda's answer to an Invoke of a function that does not exist (whatever the invocation type). */
export function functionNotFound(scope: ExecutionScope, functionRef: string): ServiceCallOutcome {
  return {
    kind: 'failed',
    error: LambdaErrorName.ResourceNotFound,
    cause:
      `Function not found: ${qualifiedFunctionArn(functionRef, scope.identity)} (Service: AWSLambda; Status Code: 404; ` +
      `Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
  };
}
