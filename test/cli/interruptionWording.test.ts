import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodesHelp } from '../../src/cli/exitCodesHelp.js';
import { targetNamed } from '../../src/targets/registry.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('what an interruption does, said alike everywhere', () => {
  it('each target says what it does with the running scenarios, and README and chaos --help say the same', async () => {
    const local = await targetNamed('local')?.create({});
    const aws = await targetNamed('aws')?.create({ allowAccounts: ['111111111111'], region: 'us-east-1' });
    expect(local?.whenInterrupted).toBe('finishing the current scenario');
    expect(aws?.whenInterrupted).toBe(
      'stopping the running executions (StopExecution), disarming the functions, reporting those scenarios as errors',
    );
    expect(local?.armedNow).toBeUndefined();
    expect(aws?.armedNow?.()).toEqual([]);

    const help =
      exitCodesHelp()
        .split('\n')
        .find((line) => line.trimStart().startsWith('130')) ?? '';
    expect(help).toMatch(
      /aws stops the running executions \(StopExecution\), disarms and reports them as errors; local finishes the running scenario/,
    );
    expect(help).toMatch(/A second signal exits at once, saying what may still be armed and the chaos disarm command/);

    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| 130 |')) ?? '';
    expect(row).toMatch(
      /on `--target aws` the running executions are stopped \(`StopExecution`\), the functions disarmed and those scenarios reported as errors; on the local target the running scenario finishes/,
    );
    expect(row).toMatch(/`chaos disarm`/);
    expect(readme).toMatch(/npx chaos disarm scenarios\.yaml --run-id/);
  });
});
