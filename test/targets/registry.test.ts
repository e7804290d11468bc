import { describe, expect, it } from '@jest/globals';
import { runCommand } from '../../src/cli/commands/run.js';
import { targetNamed, targets } from '../../src/targets/registry.js';
import { useQuietStdout } from '../support/quietStdout.js';

// What the commands print goes to a buffer, not jest's output.
useQuietStdout();

describe('the target registry', () => {
  it('lists the local target first, then aws', () => {
    expect(targets.map((entry) => entry.name)).toEqual(['local', 'aws']);
  });

  it('creates the target a name stands for', async () => {
    const target = await targetNamed('local')?.create({});
    expect(target?.name).toBe('local');
  });

  it('makes chaos run refuse a target it does not list, naming the ones it has', async () => {
    await expect(runCommand({ file: 'scenarios.yaml', target: 'azure', reporters: [] })).rejects.toThrow(
      'unknown target "azure"; choose local or aws',
    );
  });
});
