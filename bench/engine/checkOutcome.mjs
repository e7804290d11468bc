import { isDeepStrictEqual } from 'node:util';

/**
 * What differs between one execution's outcome and the workload's expected outcome; empty when they
 * agree. Timing two engines is only a comparison if both did the same work, so every cell is checked
 * before it is timed, and the status and counts of every timed execution are checked too.
 *
 * @param {import('./workloads/types.mjs').Workload} workload
 * @param {import('./engines/types.mjs').RunOutcome} outcome
 * @param {{ full: boolean }} depth `full` also compares the output and the virtual duration
 * @returns {string[]}
 */
export function differencesFromExpected(workload, outcome, { full }) {
  const { expected } = workload;
  const differences = [];
  // A replay of the handlers alone (no engine) makes the same calls but produces no execution: only its counts can be compared.
  if (outcome.replay) return countDifferences(expected, outcome, differences);
  if (outcome.status !== expected.status) {
    differences.push(`status ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}, expected ${expected.status}`);
  }
  countDifferences(expected, outcome, differences);
  if (!full) return differences;
  const output = workload.comparableOutput(outcome.output);
  if (!isDeepStrictEqual(output, expected.output)) {
    differences.push(`output ${abbreviate(JSON.stringify(output))}, expected ${abbreviate(JSON.stringify(expected.output))}`);
  }
  if (expected.virtualSeconds !== undefined && outcome.virtualMs !== expected.virtualSeconds * 1000) {
    differences.push(`virtual duration ${outcome.virtualMs / 1000} s, expected ${expected.virtualSeconds} s`);
  }
  return differences;
}

function countDifferences(expected, outcome, differences) {
  for (const [key, counts] of Object.entries(expected.counts)) {
    const actual = outcome.counts?.[key];
    if (!isDeepStrictEqual(actual, counts)) differences.push(`${key}: ${JSON.stringify(actual)}, expected ${JSON.stringify(counts)}`);
  }
  return differences;
}

function abbreviate(text, length = 160) {
  return text === undefined || text.length <= length ? text : `${text.slice(0, length)}…`;
}
