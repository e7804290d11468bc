/**
 * The local Step Functions engine: runs an ASL definition against local functions on a virtual
 * clock and returns the execution as AWS's own APIs would describe it.
 */
export { runExecution } from './runExecution.js';
export { freezeInvocation, logStreamNameOf } from './lambda/lambdaContext.js';
export { functionLogLines, recordFunctionLog } from './lambda/functionLog.js';
export { callHandler, handlerStackLines } from './lambda/handlerTrace.js';
export { findDefinitionIssues, formatDefinitionIssue } from './definition/validate.js';
export {
  functionRefOf,
  isLambdaTask,
  lambdaIntegrationOf,
  parseFunctionRef,
  qualifiedFunctionArn,
  LambdaIntegration,
} from './lambda/functionRef.js';
export type { ParsedFunctionRef } from './lambda/functionRef.js';
export { VirtualClock, InvocationActivity } from './runtime/VirtualClock.js';
export type { TimerHandle, VirtualClockOptions } from './runtime/VirtualClock.js';
export { retryDelaySeconds } from './asl/retryBackoff.js';
export { errorEqualsMatches } from './asl/errorMatching.js';
export { isDistributedMap } from './states/map/distributed/distributedMapFields.js';
export { defaultStateMachineArn } from './runtime/executionIdentity.js';
export { StatesErrorName, LambdaErrorName } from './asl/errorNames.js';
export { IntegrationPattern, serviceTaskResourceOf, needsServiceStandIn } from './services/serviceIntegrations.js';
export type { ServiceTaskResource } from './services/serviceIntegrations.js';
export { serviceErrorName, serviceFaultErrorName, serviceThrottleError } from './services/serviceErrors.js';
export { TaskTokenApiError } from './runtime/taskTokens.js';
export type { ActivityAttemptRef, LocalActivityWorker, LocalActivityWorkerResolver } from './api/activityWorkers.js';
export { activityResourceOf } from './services/activityResource.js';
export { ACTIVITY_FAULT_RESOURCE_TYPE } from './services/activityAttempts.js';
export { isStartExecutionResource } from './services/startExecutionTask.js';
export type { ActivityResource } from './services/activityResource.js';
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
  LocalServiceFaultEffect,
  LocalServiceFaultInjector,
  LocalServiceFaultResolver,
  ServiceFaultCallRef,
  LocalJobStandIn,
  LocalStateMachine,
  LocalStateMachineResolver,
  ServiceCallRef,
  CallbackAttemptRef,
  ScriptedCallback,
  ScriptedCallbackResolver,
  RunExecutionOptions,
} from './api/types.js';
