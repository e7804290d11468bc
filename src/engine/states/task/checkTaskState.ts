import { QueryLanguage } from '../../asl/queryLanguage.js';
import { isJsonataExpression } from '../../data/jsonataExpressions.js';
import { isJsonObject, type JsonObject } from '../../data/json.js';
import { LambdaIntegration, lambdaIntegrationOf } from '../../lambda/functionRef.js';
import { IntegrationPattern, isLambdaCallbackResource, serviceTaskResourceOf } from '../../services/serviceIntegrations.js';
import { activityResourceOf } from '../../services/activityResource.js';
import { checkErrorRules } from '../../validation/checkErrorRules.js';
import { fieldKey, notYet } from '../../validation/fieldIssues.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';

const lambdaInvokeParameterNames = ['FunctionName', 'Payload', 'Qualifier', 'InvocationType', 'LogType'];

/** Definition checks of Task states: a Resource the engine can run, its parameters, timeouts, Retry and Catch. */
export const taskStateCheck: StateTypeCheck = {
  fields: [
    'Type',
    'Comment',
    'Next',
    'End',
    'Resource',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'InputPath',
    'OutputPath',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
  ],
  check: checkTaskState,
};

function checkTaskState(state: JsonObject, checker: StateChecker): void {
  const resource = state['Resource'];
  const integration = lambdaIntegrationOf(resource);
  const service = serviceTaskResourceOf(resource);
  const activity = activityResourceOf(resource);
  if (typeof resource !== 'string') {
    checker.report('.Resource', 'A Task state needs a Resource ARN');
  } else if (integration === LambdaIntegration.OptimizedInvoke || (service !== undefined && isLambdaCallbackResource(service))) {
    const invokeArguments = checker.language === QueryLanguage.JSONata ? state['Arguments'] : state['Parameters'];
    // A JSONata Arguments written as one expression can only be checked when it runs.
    if (!isJsonataExpression(invokeArguments))
      checkLambdaInvokeParameters(checker, invokeArguments, resource.replace(/^arn:[^:]+:/, 'arn:aws:'));
  } else if (integration === undefined && service === undefined && activity === undefined) {
    checker.report('.Resource', unsupportedResourceMessage(resource));
  }
  checkHeartbeat(
    checker,
    state,
    service?.pattern === IntegrationPattern.WaitForTaskToken || integration === LambdaIntegration.OptimizedInvoke || activity !== undefined,
  );
  if (state['ResultSelector'] !== undefined) checker.checkPayloadTemplate(state['ResultSelector'], '.ResultSelector');
  if (state['TimeoutSeconds'] !== undefined && state['TimeoutSecondsPath'] !== undefined) {
    checker.report('.TimeoutSecondsPath', 'TimeoutSeconds and TimeoutSecondsPath cannot be used together');
  }
  if (!isJsonataExpression(state['TimeoutSeconds'])) checker.checkInteger(state, 'TimeoutSeconds', 1);
  checker.checkPath(state, 'TimeoutSecondsPath', 'reference');
  checkErrorRules(checker, state['Retry'], '.Retry', 'retrier');
  checkErrorRules(checker, state['Catch'], '.Catch', 'catcher');
}

/**
 * HeartbeatSeconds is the longest gap between two SendTaskHeartbeat calls, so it means something for
 * a task with a token to heartbeat. AWS also accepts it on a plain `lambda:invoke` (recorded:
 * `TaskScheduled` carries `heartbeatInSeconds`); there the engine only records it, and whether a
 * function running longer than HeartbeatSeconds times the task out is UNCONFIRMED. On other tasks
 * what AWS does is UNCONFIRMED, so the engine refuses it there rather than guess.
 */
function checkHeartbeat(checker: StateChecker, state: JsonObject, acceptsHeartbeat: boolean): void {
  const heartbeat = state['HeartbeatSeconds'];
  const given = ['HeartbeatSeconds', 'HeartbeatSecondsPath'].filter((field) => state[field] !== undefined);
  if (given.length === 0) return;
  if (!acceptsHeartbeat) {
    for (const field of given) checker.report(fieldKey(field), `${field} on a task without .waitForTaskToken is ${notYet}`);
    return;
  }
  if (given.length === 2) checker.report('.HeartbeatSecondsPath', 'HeartbeatSeconds and HeartbeatSecondsPath cannot be used together');
  if (checker.checkInteger(state, 'HeartbeatSeconds', 1) && typeof heartbeat === 'number') {
    // Without TimeoutSeconds the task's timeout is the default 99999999 s.
    const timeout =
      typeof state['TimeoutSeconds'] === 'number'
        ? state['TimeoutSeconds']
        : state['TimeoutSecondsPath'] === undefined
          ? 99_999_999
          : undefined;
    if (timeout !== undefined && heartbeat >= timeout) {
      checker.report('.HeartbeatSeconds', `HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`);
    }
  }
  checker.checkPath(state, 'HeartbeatSecondsPath', 'reference');
}

function checkLambdaInvokeParameters(checker: StateChecker, parameters: unknown, resource: string): void {
  if (!isJsonObject(parameters)) {
    checker.report('.Parameters', `${resource} needs Parameters with FunctionName`);
    return;
  }
  if (parameters['FunctionName'] === undefined && parameters['FunctionName.$'] === undefined) {
    checker.report('.Parameters', `${resource} needs Parameters with FunctionName`);
  }
  for (const field of Object.keys(parameters)) {
    const name = field.endsWith('.$') ? field.slice(0, -2) : field;
    if (!lambdaInvokeParameterNames.includes(name)) {
      checker.report(`.Parameters${fieldKey(field)}`, `The lambda:invoke parameter ${name} is ${notYet}`);
    }
  }
  const invocationType = parameters['InvocationType'];
  if (invocationType !== undefined && invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    checker.report(
      '.Parameters.InvocationType',
      `InvocationType ${JSON.stringify(invocationType)} is not one Lambda's Invoke API takes (RequestResponse, Event or DryRun)`,
    );
  }
  const logType = parameters['LogType'];
  if (logType !== undefined && !lambdaLogTypes.includes(logType)) {
    checker.report('.Parameters.LogType', `LogType ${JSON.stringify(logType)} is not one Lambda's Invoke API takes (None or Tail)`);
  }
}

/** `LogType` values of Lambda's Invoke API. */
const lambdaLogTypes: readonly unknown[] = ['None', 'Tail'];

function unsupportedResourceMessage(resource: string): string {
  if (/\.sync(:2)?$/.test(resource)) return `The run-a-job pattern (.sync) is ${notYet}`;
  if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource))
    return `Resource ${resource} is not an activity ARN (arn:aws:states:REGION:ACCOUNT:activity:NAME)`;
  return `Resource ${resource} is neither a Lambda function ARN nor a service integration (arn:aws:states:::SERVICE:ACTION)`;
}
