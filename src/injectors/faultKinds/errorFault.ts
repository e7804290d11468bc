import { InjectedFaultError } from '../errors.js';
import type { JsonValue } from '../valueTypes.js';
import type { FaultKindDefinition } from './FaultKindDefinition.js';
import { messageRuleSchema, messageScenarioSchema } from './sharedFields.js';

/** Fields of an `error` rule. */
export interface ErrorFaultFields {
  /** `error`: the error name Step Functions will see (the thrown error's `name`, i.e. Lambda's `errorType`). */
  errorName?: string;
  /** `error` / `throttle`: the error message. */
  message?: string;
  /**
   * `error`: extra fields set on the thrown error object (`{ "statusCode": 503 }`), for code that
   * inspects the error in the same process (a middy `onError`, a logger). The Node.js runtime reports
   * only `errorType`, `errorMessage` and `trace` to Lambda, so on AWS these fields do not reach the
   * Step Functions `Cause`; put anything the state machine must see in `message`.
   */
  cause?: Record<string, JsonValue>;
}

/** Names the error object already uses for itself, which `cause` must not overwrite. */
const RESERVED_ERROR_FIELDS = ['name', 'message', 'stack', 'cause', 'faultId', 'faultKind'] as const;

/** The name an `error` fault raises when it gives none. */
const DEFAULT_ERROR_NAME = 'Error';

const causeSchema = {
  type: 'object',
  description: 'kind "error": extra fields set on the thrown error object.',
  propertyNames: {
    description: `must not set ${RESERVED_ERROR_FIELDS.map((name) => `"${name}"`).join(', ')}, which the error sets itself`,
    not: { enum: RESERVED_ERROR_FIELDS },
  },
} as const;

/**
 * `error`: the function throws an error of the configured name, as a failing handler would; Step
 * Functions sees that name as the attempt's `Error`.
 *
 * @example
 * ```ts
 * errorFault.errorNamesRaised({ errorName: 'HTTPError' }); // ['HTTPError']
 * ```
 */
export const errorFault: FaultKindDefinition<'error', ErrorFaultFields> = {
  kind: 'error',
  ruleFields: {
    errorName: {
      type: 'string',
      minLength: 1,
      description: 'kind "error": the error name Step Functions sees, e.g. "Lambda.ServiceException".',
    },
    message: messageRuleSchema,
    cause: causeSchema,
  },
  requiredRuleFields: ['errorName'],
  scenarioKey: 'error',
  scenarioFields: {
    error: { type: 'string', minLength: 1, description: 'the error name Step Functions will see, e.g. HTTPError' },
    message: messageScenarioSchema,
    // The same schema as a deployed function's fault config: one definition of what a rule accepts.
    cause: causeSchema,
  },
  endsInvocation: true,
  ruleFieldsFromScenario(fault) {
    const fields: ErrorFaultFields = {};
    if (typeof fault['error'] === 'string') fields.errorName = fault['error'];
    if (typeof fault['message'] === 'string') fields.message = fault['message'];
    if (fault['cause'] !== undefined) fields.cause = fault['cause'] as Record<string, JsonValue>;
    return fields;
  },
  apply(rule, { faultId }) {
    const error = new InjectedFaultError(
      rule.errorName ?? DEFAULT_ERROR_NAME,
      rule.message ?? `Injected by sfn-chaos (fault "${faultId}")`,
      {
        faultId,
        kind: 'error',
      },
    );
    if (rule.cause !== undefined) error.addFields(rule.cause);
    return { raise: error };
  },
  errorNamesRaised: (rule) => [rule.errorName ?? DEFAULT_ERROR_NAME],
  plannedFailure: (rule) => ({ errorName: rule.errorName ?? DEFAULT_ERROR_NAME }),
};
