/** The AWS target: every public export is listed here. */
export { createAwsTarget, deployedFunctionAddress } from './awsTarget.js';
export type { AwsTargetOptions } from './awsTarget.js';
export { createAwsClients, destroyAwsClients } from './awsClients.js';
export type { AwsClientOptions, AwsClients } from './awsClients.js';
export { readAllowedAccounts, parseArn } from './accounts.js';
export { readAwsSettings } from './awsSettings.js';
export type { AwsSetting, AwsSettings, AwsSettingsInput } from './awsSettings.js';
export { describeAwsPlan } from './describeAwsPlan.js';
export { executionNameFor } from '../executionName.js';
export { INJECTOR_MARKER_VARIABLE, FAULT_LEDGER_DEFAULTS, TargetWarningCode } from './constants.js';
export { readFaultLedger, filterPatternFor } from './readFaultLedger.js';
export type { FaultLedgerReading, FaultLedgerSource, ReadFaultLedgerOptions } from './readFaultLedger.js';
export { matchFaultLedger, failedAttemptsOf, errorNamesRaisedBy } from '../matchFaultLedger.js';
export type { FailedAttempt } from '../matchFaultLedger.js';
export type { AwsRetryPolicy } from './callAws.js';
