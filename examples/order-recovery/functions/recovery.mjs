// The recovery step's function: it files the failed order for the support team and returns at once.
// The state machine then waits until support answers the task token (SendTaskSuccess to run the check
// again, SendTaskFailure to give up). A deployed copy would store the token in a table and post the
// case to a chat channel; here the cases stay in memory.
import { withChaos } from 'sfn-chaos/injector';

export const openCases = new Map();

export const handleError = withChaos(async (event) => {
  const { Input: input, Context: stepContext } = event;
  const { lambdaFunctionError: error, ...order } = input;
  openCases.set(stepContext.Task.Token, { executionId: stepContext.Execution.Id, step: stepContext.State.Name, order, error });
  return { caseOpened: true };
});
