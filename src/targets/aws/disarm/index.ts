/** `chaos disarm`: removes what `chaos run --target aws` left armed. */
export { disarmDeployed, type DisarmRequest } from './disarmDeployed.js';
export { classifyConfig, formatDisarmLine, type DisarmLine, type DisarmOutcome } from './DisarmOutcome.js';
