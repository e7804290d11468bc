import type { RunResult, ScenarioVerdict } from '../run/runScenarios.js';

export type RunSummary = Record<ScenarioVerdict, number>;

export function summarize(result: RunResult): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const scenario of result.scenarios) summary[scenario.verdict] += 1;
  return summary;
}
