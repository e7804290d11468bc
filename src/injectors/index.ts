/** The Lambda-side fault injector. Every public export is listed here. */
export { withChaos } from './withChaos.js';
export type { LambdaHandlerLike } from './withChaos.js';
export { chaosMiddleware } from './middleware.js';
export type { ChaosMiddleware, ChaosMiddlewareRequest } from './middleware.js';
export { getOriginalHandler, isChaosWrapped } from './getOriginalHandler.js';
export { refreshChaosEnvironment } from './env.js';
export { parseChaosConfig, parseFaultRule } from './parseChaosConfig.js';
export type { ParseChaosConfigOptions } from './parseChaosConfig.js';
export { armedChaosConfigSchema, chaosConfigSchema, faultMatchConditionSchema, faultRuleSchema } from './schema.js';
export { matchesPayload } from './matchesPayload.js';
export { SsmConfigSource } from './SsmConfigSource.js';
export type { SsmConfigSourceOptions, SsmConfigValue, SsmGetParameterClient, SsmReadFailure } from './SsmConfigSource.js';
export { isFaultLedgerEntry, readFaultLedgerEntry } from './ledger.js';
export type { FaultLedgerEntry } from './ledger.js';
export type { FaultTrigger } from './selectFaults.js';
export {
  ConfigSource,
  DEFAULT_SSM_READ_TIMEOUT_MS,
  DEFAULT_SSM_TTL_MS,
  EnvVar,
  LambdaErrorName,
  LogEvent,
  PAYLOAD_OVERRIDE_KEY,
  THROTTLE_MESSAGE,
  WarningCode,
} from './constants.js';
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
  FaultMatch,
  FaultMatchCondition,
  FaultRule,
  JsonScalar,
  JsonValue,
  LambdaContextLike,
  SsmConfigOptions,
  WithChaosOptions,
} from './types.js';
