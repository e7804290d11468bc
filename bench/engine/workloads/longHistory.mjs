/**
 * Workload: a loop (Task, then a Choice back to the Task) run until it has written a given number of
 * history events: 7 per round (TaskStateEntered, LambdaFunctionScheduled, …Started, …Succeeded,
 * TaskStateExited, ChoiceStateEntered, ChoiceStateExited) plus 4. The same work per event at every
 * size, so the time per event shows whether an engine's cost grows with the history's length, up to
 * the 25,000-event quota.
 */

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:count-round';
const EVENTS_PER_ROUND = 7;
const FIXED_EVENTS = 4;

/**
 * @param {number} targetEvents about how many history events one execution should write
 * @returns {import('./types.mjs').Workload}
 */
export function createLongHistoryWorkload(targetEvents) {
  const rounds = Math.round((targetEvents - FIXED_EVENTS) / EVENTS_PER_ROUND);
  const events = rounds * EVENTS_PER_ROUND + FIXED_EVENTS;
  return {
    id: `long-history-${targetEvents}`,
    title: `a Task and a Choice looping ${rounds} times: ${events.toLocaleString('en-US')} history events`,
    definition: {
      Comment: `Counts to ${rounds}, one Lambda call per round.`,
      StartAt: 'Count',
      States: {
        Count: { Type: 'Task', Resource: functionArn, Next: 'Again?' },
        'Again?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.count', NumericLessThan: rounds, Next: 'Count' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    },
    input: { count: 0 },
    functions: [
      {
        key: 'countRound',
        name: 'count-round',
        arn: functionArn,
        timeoutSeconds: 3,
        handler: async (event) => ({ count: event.count + 1 }),
        faults: [],
      },
    ],
    taskFunctions: { Count: 'countRound' },
    // Every round is a new visit of the Task state: its attempts are counted per round.
    attemptKeyOf: (stateName, event) => `${stateName}/${event.count}`,
    comparableOutput: (output) => output,
    expected: {
      status: 'SUCCEEDED',
      output: { count: rounds },
      counts: { countRound: { invocations: rounds, injectedFaults: 0 } },
      virtualSeconds: 0,
    },
  };
}
