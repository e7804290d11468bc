/**
 * The local Step Functions engine: runs an ASL definition against local functions on a virtual
 * clock and returns the execution as AWS's own APIs would describe it.
 */
export { runExecution } from './runExecution.js';
export { freezeInvocation } from './lambdaContext.js';
export { findDefinitionIssues, formatDefinitionIssue } from './validate.js';
export { functionRefOf, isLambdaTask, lambdaIntegrationOf, parseFunctionRef, qualifiedFunctionArn, LambdaIntegration } from './functionRef.js';
export type { ParsedFunctionRef } from './functionRef.js';
export { VirtualClock, InvocationActivity } from './VirtualClock.js';
export type { TimerHandle, VirtualClockOptions } from './VirtualClock.js';
export { retryDelaySeconds } from './retryBackoff.js';
export { errorEqualsMatches } from './errorMatching.js';
export { defaultStateMachineArn } from './executionIdentity.js';
export { StatesErrorName, LambdaErrorName } from './errorNames.js';
export { IntegrationPattern, serviceTaskResourceOf, needsServiceStandIn } from './serviceIntegrations.js';
export type { ServiceTaskResource } from './serviceIntegrations.js';
export { TaskTokenApiError } from './taskTokens.js';
export type {
  DefinitionIssue,
  ExecutionResult,
  ExecutionStatus,
  HistoryEvent,
  LocalFunction,
  LocalFunctionResolver,
  LocalInvocationFacts,
  LocalLambdaContext,
  LocalServiceResolver,
  LocalServiceStandIn,
  ServiceCallRef,
  CallbackAttemptRef,
  ScriptedCallback,
  ScriptedCallbackResolver,
  RunExecutionOptions,
} from './types.js';
