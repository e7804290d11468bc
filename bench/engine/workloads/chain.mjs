/**
 * Workload: a chain of Pass and Task states in a row, no retries, no timers. What an engine spends
 * going from one state to the next: entering and leaving a state, one Lambda call per Task state,
 * the history events of each.
 */

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:next-step';

/**
 * @param {number} stateCount states in the chain (half Pass, half Task, alternating, a Pass first)
 * @returns {import('./types.mjs').Workload}
 */
export function createChainWorkload(stateCount) {
  const States = {};
  const taskFunctions = {};
  const nameOf = (index) => `Step ${index}`;
  for (let index = 0; index < stateCount; index++) {
    const isTask = index % 2 === 1;
    const last = index === stateCount - 1;
    const state = isTask ? { Type: 'Task', Resource: functionArn } : { Type: 'Pass' };
    if (last) state.End = true;
    else state.Next = nameOf(index + 1);
    States[nameOf(index)] = state;
    if (isTask) taskFunctions[nameOf(index)] = 'nextStep';
  }
  const taskCount = Object.keys(taskFunctions).length;
  return {
    id: `chain-${stateCount}`,
    title: `${stateCount} states in a row, Pass and Task alternating (${taskCount} Lambda calls), no retries, no timers`,
    definition: { Comment: `A chain of ${stateCount} states.`, StartAt: nameOf(0), States },
    input: { step: 0 },
    functions: [
      {
        key: 'nextStep',
        name: 'next-step',
        arn: functionArn,
        timeoutSeconds: 3,
        handler: async (event) => ({ step: event.step + 1 }),
        faults: [],
      },
    ],
    taskFunctions,
    attemptKeyOf: (stateName) => stateName,
    comparableOutput: (output) => output,
    expected: {
      status: 'SUCCEEDED',
      output: { step: taskCount },
      counts: { nextStep: { invocations: taskCount, injectedFaults: 0 } },
      virtualSeconds: 0,
    },
  };
}
