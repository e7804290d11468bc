import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../scenarios/publishedSchemas.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

/** Node release lines in active or maintenance LTS when this template was last reviewed. */
const MAINTAINED_NODE_LTS = ['22', '24'];

describe('examples/ci/nightly-chaos.yml', () => {
  const workflow = parse(readFileSync(join(packageRoot, 'examples/ci/nightly-chaos.yml'), 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const run = steps.find((step) => step.run?.includes('chaos run') && !step.run.includes('--dry-run'));

  it('sets up a maintained Node LTS line', () => {
    const setup = steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup).toHaveLength(1);
    expect(MAINTAINED_NODE_LTS).toContain(String(setup[0]?.with?.['node-version']));
  });

  it('writes a JUnit report and shows it in the run, also when scenarios fail', () => {
    expect(run?.run).toMatch(/--reporter \S*junit/);
    const out = /--out (\S+)/.exec(run?.run ?? '')?.[1] ?? 'chaos-results';
    const junitFile = out.endsWith('.xml') ? out : `${out}.xml`;
    const shown = steps.find((step) => step.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(shown?.with?.['report_paths']).toBe(junitFile);
    expect(shown?.with?.['job_summary']).not.toBe(false);
    expect(shown?.if).toMatch(/always\(\)|!cancelled\(\)/);
    // annotate_only: no check run is created, so the workflow needs no `checks: write`.
    expect(shown?.with?.['annotate_only']).toBe(true);
  });

  it('keeps the report as an artifact too', () => {
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toContain('chaos-results.xml');
    expect(upload?.if).toMatch(/always\(\)|!cancelled\(\)/);
  });
});
