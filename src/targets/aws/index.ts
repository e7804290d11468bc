/** The AWS target: every public export is listed here. */
export { createAwsTarget, deployedFunctionAddress } from './awsTarget.js';
export type { AwsTargetOptions } from './awsTarget.js';
export { createAwsClients, destroyAwsClients } from './awsClients.js';
export type { AwsClientOptions, AwsClients } from './awsClients.js';
export { readAllowedAccounts, parseArn } from './accounts.js';
export { describeAwsPlan } from './describeAwsPlan.js';
export { executionNameFor } from './executionName.js';
export { INJECTOR_MARKER_VARIABLE } from './constants.js';
export type { AwsRetryPolicy } from './callAws.js';
