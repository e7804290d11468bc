/** The Lambda-side fault injector. Every public export is listed here. */
export { withChaos } from './withChaos.js';
export type { LambdaHandlerLike } from './withChaos.js';
export { chaosMiddleware } from './middleware.js';
export type { ChaosMiddleware, ChaosMiddlewareRequest } from './middleware.js';
export { getOriginalHandler, isChaosWrapped } from './getOriginalHandler.js';
export { parseChaosConfig, parseFaultRule } from './parseChaosConfig.js';
export { chaosConfigSchema, faultRuleSchema } from './schema.js';
export { isFaultLedgerEntry, readFaultLedgerEntry } from './ledger.js';
export type { FaultLedgerEntry } from './ledger.js';
export type { FaultTrigger } from './selectFaults.js';
export { EnvVar, LambdaErrorName, LogEvent, THROTTLE_MESSAGE, WarningCode } from './constants.js';
export {
  ChaosConfigError,
  ChaosOptionsError,
  InjectedFaultError,
  InjectedThrottleError,
  InjectedTimeoutError,
} from './errors.js';
export type { InjectedFaultSource } from './errors.js';
export type {
  AsyncHandler,
  CallbackHandler,
  ChaosConfig,
  ChaosInvocationInfo,
  FaultKind,
  FaultRule,
  LambdaContextLike,
  WithChaosOptions,
} from './types.js';
