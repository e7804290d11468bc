/**
 * Workload: a chain of Pass and Task states in a row, no retries, no timers. What an engine spends
 * going from one state to the next: entering and leaving a state, one Lambda call per Task state,
 * the history events of each.
 *
 * With `withResultPath`, the chain carries an order of about 1 KB, as a real workflow does, and each
 * state writes its result into it at a `ResultPath` (the Task's the next step number at `$.step`, the
 * Pass's its own index at `$.lastPass`) instead of replacing it: each state's output is the order with
 * one member changed.
 */

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:next-step';

/** What the `withResultPath` chain carries from state to state besides its step: an order of about 1 KB. */
const order = {
  orderId: 'order-0001',
  customer: { id: 'c-42', name: 'Ada Lovelace', tier: 'gold', email: 'ada@example.com' },
  lines: Array.from({ length: 12 }, (_, index) => ({ sku: `SKU-${1000 + index}`, quantity: 1 + (index % 3), unitPrice: 9.5 + index })),
  shipping: { method: 'express', address: { street: '12 Analytical Way', city: 'London', postcode: 'N1 9GU' } },
  paid: false,
};

/**
 * @param {number} stateCount states in the chain (half Pass, half Task, alternating, a Pass first)
 * @param {{ withResultPath?: boolean }} [options]
 * @returns {import('./types.mjs').Workload}
 */
export function createChainWorkload(stateCount, { withResultPath = false } = {}) {
  const States = {};
  const taskFunctions = {};
  const nameOf = (index) => `Step ${index}`;
  for (let index = 0; index < stateCount; index++) {
    const isTask = index % 2 === 1;
    const last = index === stateCount - 1;
    const state = isTask ? { Type: 'Task', Resource: functionArn } : { Type: 'Pass' };
    if (withResultPath && isTask) state.ResultPath = '$.step';
    if (withResultPath && !isTask) Object.assign(state, { Result: index, ResultPath: '$.lastPass' });
    if (last) state.End = true;
    else state.Next = nameOf(index + 1);
    States[nameOf(index)] = state;
    if (isTask) taskFunctions[nameOf(index)] = 'nextStep';
  }
  const taskCount = Object.keys(taskFunctions).length;
  const lastPass = stateCount % 2 === 0 ? stateCount - 2 : stateCount - 1;
  return {
    id: withResultPath ? `chain-resultpath-${stateCount}` : `chain-${stateCount}`,
    title: withResultPath
      ? `${stateCount} states in a row carrying a 1 KB order, each writing its result at a ResultPath (${taskCount} Lambda calls)`
      : `${stateCount} states in a row, Pass and Task alternating (${taskCount} Lambda calls), no retries, no timers`,
    definition: { Comment: `A chain of ${stateCount} states.`, StartAt: nameOf(0), States },
    input: withResultPath ? { step: 0, order } : { step: 0 },
    functions: [
      {
        key: 'nextStep',
        name: 'next-step',
        arn: functionArn,
        timeoutSeconds: 3,
        handler: withResultPath ? async (event) => event.step + 1 : async (event) => ({ step: event.step + 1 }),
        faults: [],
      },
    ],
    taskFunctions,
    attemptKeyOf: (stateName) => stateName,
    comparableOutput: (output) => output,
    expected: {
      status: 'SUCCEEDED',
      output: withResultPath ? { step: taskCount, order, lastPass } : { step: taskCount },
      counts: { nextStep: { invocations: taskCount, injectedFaults: 0 } },
      virtualSeconds: 0,
    },
  };
}
