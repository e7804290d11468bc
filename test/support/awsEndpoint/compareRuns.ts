/** What one scenario of a JSON report comes to, for comparing a run with injected failures against a clean one. */
export interface ScenarioOutcome {
  name: string;
  verdict: string;
  error: string | undefined;
  failures: string[];
  status: string | undefined;
  /** Attempts of each state visit, `State#visit`. */
  attempts: Record<string, number>;
}

interface ReportScenario {
  name: string;
  verdict: string;
  error?: string;
  failures?: { message?: string }[];
  execution: { status?: string } | null;
  states?: Record<string, { visit: number; attempts: number }[]>;
}

/** The scenarios of a JSON report (`--reporter json`), reduced to what the soak compares. */
export function outcomesOf(report: unknown): ScenarioOutcome[] {
  const scenarios = (report as { scenarios?: ReportScenario[] }).scenarios ?? [];
  return scenarios.map((scenario) => {
    const attempts: Record<string, number> = {};
    for (const [state, visits] of Object.entries(scenario.states ?? {}))
      for (const visit of visits) attempts[`${state}#${visit.visit}`] = visit.attempts;
    return {
      name: scenario.name,
      verdict: scenario.verdict,
      error: scenario.error,
      failures: (scenario.failures ?? []).map((failure) => failure.message ?? JSON.stringify(failure)),
      status: scenario.execution?.status,
      attempts,
    };
  });
}

/**
 * How a run's scenarios differ from the clean run's: one line per differing scenario, saying what differs
 * (verdict, error message, failure messages, execution status, attempts of a state visit).
 */
export function differences(clean: readonly ScenarioOutcome[], run: readonly ScenarioOutcome[]): string[] {
  const lines: string[] = [];
  for (const base of clean) {
    const other = run.find((candidate) => candidate.name === base.name);
    if (!other) {
      lines.push(`${base.name}: missing from the run`);
      continue;
    }
    const why: string[] = [];
    if (other.verdict !== base.verdict) why.push(`verdict ${base.verdict} -> ${other.verdict}`);
    if (other.error !== base.error) why.push(`error ${JSON.stringify(other.error ?? null)} (clean: ${JSON.stringify(base.error ?? null)})`);
    if (JSON.stringify(other.failures) !== JSON.stringify(base.failures))
      why.push(`failures ${JSON.stringify(other.failures)} (clean: ${JSON.stringify(base.failures)})`);
    if (other.status !== base.status) why.push(`status ${base.status ?? 'none'} -> ${other.status ?? 'none'}`);
    for (const key of new Set([...Object.keys(base.attempts), ...Object.keys(other.attempts)])) {
      if ((base.attempts[key] ?? 0) !== (other.attempts[key] ?? 0))
        why.push(`attempts of ${key} ${String(base.attempts[key] ?? 0)} -> ${String(other.attempts[key] ?? 0)}`);
    }
    if (why.length > 0) lines.push(`${base.name}: ${why.join('; ')}`);
  }
  return lines;
}
