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
  jobs: Record<string, { steps: Step[]; needs?: string[]; strategy?: { matrix?: { shard?: number[] } } }>;
}

/** Node release lines in active or maintenance LTS when this template was last reviewed. */
const MAINTAINED_NODE_LTS = ['22', '24'];

describe('examples/ci/nightly-chaos.yml', () => {
  const workflow = parse(readFileSync(join(packageRoot, 'examples/ci/nightly-chaos.yml'), 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const run = steps.find((step) => step.run?.includes('chaos run') && !step.run.includes('--dry-run'));

  it('sets up a maintained Node LTS line', () => {
    const setup = steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup.length).toBeGreaterThan(0);
    for (const step of setup) expect(MAINTAINED_NODE_LTS).toContain(String(step.with?.['node-version']));
  });

  it('splits the AWS run over a matrix of shards, each writing a JSON report', () => {
    const shards = workflow.jobs['chaos']?.strategy?.matrix?.shard ?? [];
    expect(shards.length).toBeGreaterThan(1);
    expect(run?.run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(run?.run).toMatch(/--reporter \S*json/);
    const explore = steps.find((step) => step.run?.includes('chaos explore'));
    const exploreShards = workflow.jobs['explore']?.strategy?.matrix?.shard ?? [];
    expect(explore?.run).toContain(`--shard \${{ matrix.shard }}/${exploreShards.length}`);
  });

  it('merges the shards into one JUnit report and shows it in the run, also when scenarios fail', () => {
    const report = workflow.jobs['report'];
    expect(report?.needs).toEqual(expect.arrayContaining(['chaos', 'explore']));
    const merge = report?.steps.find((step) => step.run?.includes('chaos merge-reports'));
    expect(merge?.run).toMatch(/merge-reports \S*chaos-shard-\*\.json --reporter \S*junit\S* --out (\S+)/);
    const out = /--reporter \S*junit\S* --out (\S+)/.exec(merge?.run ?? '')?.[1] ?? '';
    const shown = steps.find((step) => step.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(shown?.with?.['report_paths']).toBe(`${out}/chaos-results.xml`);
    expect(shown?.with?.['job_summary']).not.toBe(false);
    expect(shown?.if).toMatch(/always\(\)|!cancelled\(\)/);
    // annotate_only: no check run is created, so the workflow needs no `checks: write`.
    expect(shown?.with?.['annotate_only']).toBe(true);
  });

  it('keeps the report as an artifact too', () => {
    const upload = workflow.jobs['report']?.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toContain('chaos-results/');
    expect(upload?.if).toMatch(/always\(\)|!cancelled\(\)/);
  });
});
