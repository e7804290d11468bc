import { StatesErrorName } from '../asl/errorNames.js';
import type { ServiceTaskResource } from './serviceIntegrations.js';

/**
 * The one table of the errors a service integration reports through Step Functions: the prefix of its
 * error names, how its `cause` reads, and its throttling error. It lives with the service integrations
 * (not in the injector's fault-kind table) because every entry depends on the Task's Resource, which
 * only the engine reads, and because the injector package imports nothing outside itself.
 *
 * Two families, as AWS documents and AWS-validated recordings show:
 *
 * - Optimized integrations (`arn:aws:states:::dynamodb:putItem`, `sqs:sendMessage`, `sns:publish`) name
 *   errors `<Prefix>.<Exception>` with the service's own prefix (`DynamoDB.ConditionalCheckFailedException`,
 *   `SQS.AmazonSQSException`), and their cause is the Java SDK's message:
 *   `<message> (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: <code>; Request ID: <id>; Proxy: null)`.
 * - AWS SDK integrations (`arn:aws:states:::aws-sdk:dynamodb:putItem`) name errors `<ServiceName>.<Exception>`,
 *   the service name in PascalCase ("Handling errors" and "AWS SDK service integrations" in the Step Functions
 *   developer guide: `AcmPca.ResourceNotFoundException`, `S3.BucketAlreadyExistsException`; recorded on AWS:
 *   `DynamoDb.DynamoDbException`, `SecretsManager.SecretsManagerException`), with the cause
 *   `<message> (Service: DynamoDb, Status Code: 400, Request ID: <id>)`.
 */
interface ServiceErrorEntry {
  /** Error-name prefix of the optimized integration (`DynamoDB`); absent: only its AWS SDK form is known. */
  optimizedPrefix?: string;
  /** `Service:` in an optimized integration's cause (`AmazonDynamoDBv2`). */
  optimizedCauseService?: string;
  /** PascalCase service name of the AWS SDK integration (`DynamoDb`). */
  sdkPrefix: string;
  /** The service's throttling error: the exception name (no prefix), its `Error Code`, message and status. */
  throttle?: { exception: string; code: string; message: string; statusCode: number; optimizedException?: string };
}

/** Keyed by the service part of the Resource (`dynamodb` for `dynamodb:putItem` and `aws-sdk:dynamodb:putItem`). */
const SERVICE_ERRORS: Readonly<Record<string, ServiceErrorEntry>> = {
  dynamodb: {
    optimizedPrefix: 'DynamoDB',
    optimizedCauseService: 'AmazonDynamoDBv2',
    sdkPrefix: 'DynamoDb',
    // DynamoDB's API reference: ProvisionedThroughputExceededException, HTTP 400. The message is DynamoDB's
    // usual text for it (UNCONFIRMED word for word).
    throttle: {
      exception: 'ProvisionedThroughputExceededException',
      code: 'ProvisionedThroughputExceededException',
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      statusCode: 400,
    },
  },
  sqs: {
    optimizedPrefix: 'SQS',
    optimizedCauseService: 'AmazonSQS',
    sdkPrefix: 'Sqs',
    // SQS's API reference lists RequestThrottled. Recorded on AWS, the optimized integration reports SQS
    // errors as SQS.AmazonSQSException with the code in the cause; that it does so for throttling too,
    // and the SDK form's name, are UNCONFIRMED.
    throttle: {
      exception: 'RequestThrottledException',
      optimizedException: 'AmazonSQSException',
      code: 'RequestThrottled',
      message: 'The request was denied due to request throttling.',
      statusCode: 400,
    },
  },
  sns: {
    optimizedPrefix: 'SNS',
    optimizedCauseService: 'AmazonSNS',
    sdkPrefix: 'Sns',
    // SNS's API reference lists ThrottledException (HTTP 429); the Step Functions names are UNCONFIRMED.
    throttle: {
      exception: 'ThrottledException',
      code: 'Throttling',
      message: 'Rate exceeded',
      statusCode: 429,
    },
  },
  lambda: {
    optimizedPrefix: 'Lambda',
    optimizedCauseService: 'AWSLambda',
    sdkPrefix: 'Lambda',
    throttle: { exception: 'TooManyRequestsException', code: 'TooManyRequestsException', message: 'Rate Exceeded.', statusCode: 429 },
  },
  // Nested workflows (`states:startExecution`): errors are `StepFunctions.<code>`, as the developer guide's
  // `StepFunctions.ExecutionLimitExceeded` retrier names them (errorNames.ts). Its throttle is StartExecution's
  // "too many running executions" error, the one that retrier is for; a StartExecution refused by the API's rate
  // limit answers the generic ThrottlingException instead, whose name through Step Functions is UNCONFIRMED (name
  // it with an error fault). The message is the API reference's description; the cause's `Service:` is UNCONFIRMED.
  states: {
    optimizedPrefix: 'StepFunctions',
    optimizedCauseService: 'AWSStepFunctions',
    sdkPrefix: 'Sfn',
    throttle: {
      exception: 'ExecutionLimitExceeded',
      code: 'ExecutionLimitExceeded',
      message:
        'The maximum number of running executions has been reached. Running executions must end or be stopped before a new execution can be started.',
      statusCode: 400,
    },
  },
  s3: { sdkPrefix: 'S3' },
  secretsmanager: { sdkPrefix: 'SecretsManager' },
  eventbridge: { optimizedPrefix: 'EventBridge', sdkPrefix: 'EventBridge' },
  events: { optimizedPrefix: 'EventBridge', sdkPrefix: 'EventBridge' },
  sfn: { sdkPrefix: 'Sfn' },
  acmpca: { sdkPrefix: 'AcmPca' },
};

/**
 * An HTTP Task's throttling answer, HTTP status 429, is reported as `States.Http.StatusCode.429`
 * (the HTTP Task's `States.Http.StatusCode.<code>` errors; UNCONFIRMED for 429 in particular).
 */
const HTTP_THROTTLE_ERROR = 'States.Http.StatusCode.429';
const HTTP_ACTION = 'http:invoke';

/** The service part of a Resource: `dynamodb` for `dynamodb:putItem` and `aws-sdk:dynamodb:putItem`. */
function serviceOf(resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration'>): string {
  return resource.isSdkIntegration ? resource.resourceType.slice('aws-sdk:'.length) : resource.resourceType;
}

/**
 * The prefix of the Task's error names: the optimized integration's (`DynamoDB`), or the AWS SDK
 * service name in PascalCase (`DynamoDb`). For a service the table does not list, the AWS SDK prefix
 * is the service name with its first letter capitalised (right for one-word names, UNCONFIRMED for the
 * others) and an optimized integration has none known (`undefined`).
 *
 * @example
 * serviceErrorPrefix(serviceTaskResourceOf('arn:aws:states:::aws-sdk:dynamodb:putItem')!); // 'DynamoDb'
 */
export function serviceErrorPrefix(resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration'>): string | undefined {
  const service = serviceOf(resource);
  const entry = Object.hasOwn(SERVICE_ERRORS, service) ? SERVICE_ERRORS[service] : undefined;
  if (resource.isSdkIntegration) return entry?.sdkPrefix ?? `${service.charAt(0).toUpperCase()}${service.slice(1)}`;
  return entry?.optimizedPrefix;
}

/**
 * The error name a service Task reports for an exception: a name with a dot is already what Step
 * Functions reports and is kept; a bare exception name gets the Task's prefix.
 *
 * @example
 * serviceErrorName(dynamodbPutItem, 'ConditionalCheckFailedException'); // 'DynamoDB.ConditionalCheckFailedException'
 * serviceErrorName(sdkDynamodbPutItem, 'ConditionalCheckFailedException'); // 'DynamoDb.ConditionalCheckFailedException'
 * serviceErrorName(dynamodbPutItem, 'DynamoDB.ResourceNotFoundException'); // unchanged
 */
export function serviceErrorName(resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration'>, name: string): string {
  if (name.includes('.')) return name;
  const prefix = serviceErrorPrefix(resource);
  return prefix === undefined ? name : `${prefix}.${name}`;
}

/** A service error as the Task's TaskFailed event carries it. */
export interface ServiceError {
  error: string;
  cause: string;
}

/**
 * The throttling error of the Task's service, with AWS's cause shape; `undefined` when the table does
 * not know the service's throttling error (name it with an `error` fault instead).
 *
 * @example
 * serviceThrottleError(dynamodbPutItem, 'req-1')?.error; // 'DynamoDB.ProvisionedThroughputExceededException'
 */
export function serviceThrottleError(
  resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration' | 'serviceAction'>,
  requestId: string,
  message?: string,
): ServiceError | undefined {
  if (resource.serviceAction === HTTP_ACTION) return { error: HTTP_THROTTLE_ERROR, cause: message ?? 'Too Many Requests' };
  const service = serviceOf(resource);
  const throttle = Object.hasOwn(SERVICE_ERRORS, service) ? SERVICE_ERRORS[service]?.throttle : undefined;
  if (throttle === undefined) return undefined;
  const exception = resource.isSdkIntegration ? throttle.exception : (throttle.optimizedException ?? throttle.exception);
  const error = serviceErrorName(resource, exception);
  return {
    error,
    cause: serviceErrorCause(resource, {
      error,
      code: throttle.code,
      message: message ?? throttle.message,
      requestId,
      statusCode: throttle.statusCode,
    }),
  };
}

/**
 * The error a fault of this kind makes a service Task report, as the fault ledger and `chaos plan`
 * name it: an `error` fault's name (prefixed as {@link serviceErrorName} does), the service's
 * throttling error, and for a hang `States.Timeout` (an HTTP Task's own 60-second limit:
 * `States.Http.Socket`). `undefined` for a delay, or a throttle the table does not know.
 *
 * @example
 * serviceFaultErrorName(dynamodbPutItem, 'throttle'); // 'DynamoDB.ProvisionedThroughputExceededException'
 */
export function serviceFaultErrorName(
  resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration' | 'serviceAction'>,
  kind: string,
  errorName?: string | null,
): string | undefined {
  switch (kind) {
    case 'error':
      return errorName === undefined || errorName === null ? undefined : serviceErrorName(resource, errorName);
    case 'throttle':
      return serviceThrottleError(resource, '')?.error;
    case 'timeout':
      return resource.serviceAction === HTTP_ACTION ? StatesErrorName.HttpSocket : StatesErrorName.Timeout;
    default:
      return undefined;
  }
}

/**
 * The `cause` of a service error in AWS's shape for the Task's integration family (see the table
 * above); an HTTP Task, or an optimized integration the table does not know, gets the message alone.
 *
 * @example
 * serviceErrorCause(sqsSendMessage, { error: 'SQS.AmazonSQSException', message: 'Access denied', requestId: 'r-1' });
 * // 'Access denied (Service: AmazonSQS; Status Code: 400; Error Code: AmazonSQSException; Request ID: r-1; Proxy: null)'
 */
export function serviceErrorCause(
  resource: Pick<ServiceTaskResource, 'resourceType' | 'isSdkIntegration' | 'serviceAction'>,
  details: { error: string; message: string; requestId: string; code?: string; statusCode?: number },
): string {
  const statusCode = details.statusCode ?? 400;
  const code = details.code ?? details.error.slice(details.error.lastIndexOf('.') + 1);
  if (resource.serviceAction === HTTP_ACTION) return details.message;
  if (resource.isSdkIntegration) {
    return `${details.message} (Service: ${serviceErrorPrefix(resource) ?? serviceOf(resource)}, Status Code: ${statusCode}, Request ID: ${details.requestId})`;
  }
  const service = serviceOf(resource);
  const causeService = Object.hasOwn(SERVICE_ERRORS, service) ? SERVICE_ERRORS[service]?.optimizedCauseService : undefined;
  if (causeService === undefined) return details.message;
  return `${details.message} (Service: ${causeService}; Status Code: ${statusCode}; Error Code: ${code}; Request ID: ${details.requestId}; Proxy: null)`;
}
