export { startAwsEndpoint, type AwsEndpoint, type AwsEndpointOptions } from './server.js';
export { World, type WorldOptions } from './World.js';
export type { FailureKind, FailurePlanOptions } from './failures.js';
