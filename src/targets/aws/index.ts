/** The AWS target: every public export is listed here. */
export { createAwsTarget } from './awsTarget.js';
export { deployedFunctionAddress } from './resolve/deployedFunctionAddress.js';
export type { AwsTargetOptions } from './AwsTargetOptions.js';
export { createAwsClients, destroyAwsClients } from './clients/awsClients.js';
export type { AwsClientOptions, AwsClients } from './clients/awsClients.js';
export { readAllowedAccounts, parseArn } from './accounts.js';
export { readAwsSettings } from './awsSettings.js';
export type { AwsSetting, AwsSettings, AwsSettingsInput } from './awsSettings.js';
export { describeAwsPlan } from './describeAwsPlan.js';
export { executionNameFor } from '../executionName.js';
export { INJECTOR_MARKER_VARIABLE, FAULT_LEDGER_DEFAULTS, TargetWarningCode } from './constants.js';
export { readFaultLedger, filterPatternFor } from './results/readFaultLedger.js';
export type { FaultLedgerReading, FaultLedgerSource, ReadFaultLedgerOptions } from './results/readFaultLedger.js';
export { matchFaultLedger, failedAttemptsOf, errorNamesRaisedBy } from '../matchFaultLedger.js';
export type { FailedAttempt } from '../matchFaultLedger.js';
export type { AwsRetryPolicy } from './clients/callAws.js';
