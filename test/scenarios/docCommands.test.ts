import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, runChaos } from '../plan/chaosCli.js';

/** Where a command the docs show lives. */
interface DocCommand {
  where: string;
  args: string[];
}

/** Every `npx chaos plan|run …` inside a fenced code block of README.md and docs/*.md, up to a `#` comment or `&&`. */
function documentedCommands(): DocCommand[] {
  const files = [
    'README.md',
    ...readdirSync(join(packageRoot, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  const commands: DocCommand[] = [];
  for (const file of files) {
    let fenced = false;
    readFileSync(join(packageRoot, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (line.trimStart().startsWith('```')) fenced = !fenced;
        const found = fenced ? /npx chaos ((?:plan|run)\b[^#&|]*)/.exec(line) : null;
        if (found) commands.push({ where: `${file}:${index + 1}`, args: found[1]!.trim().split(/\s+/) });
      });
  }
  return commands;
}

/**
 * The command as the test runs it: reports go to a fresh folder instead of the package root, and a run
 * against AWS becomes a dry run (it resolves every file the same way, and makes no AWS call).
 */
function runnable(args: readonly string[]): string[] {
  const out = join(mkdtempSync(join(tmpdir(), 'sfn-chaos-docs-')), 'report');
  const result = [...args];
  const outAt = result.indexOf('--out');
  if (outAt >= 0) result[outAt + 1] = join(out, result[outAt + 1] ?? 'results');
  else if (result.includes('--reporter')) result.push('--out', join(out, 'chaos-results'));
  if (result.includes('aws') && !result.includes('--dry-run')) result.push('--dry-run');
  return result;
}

const commands = documentedCommands();

describe('commands in README.md and docs/', () => {
  it('finds the chaos plan and chaos run examples', () => {
    expect(commands.filter((command) => command.args[0] === 'plan').length).toBeGreaterThanOrEqual(6);
    expect(commands.filter((command) => command.args[0] === 'run').length).toBeGreaterThanOrEqual(8);
  });

  it.each(commands.map((command) => [command.where, command.args.join(' '), command.args] as const))(
    '%s: chaos %s names files that exist',
    async (_where, _shown, args) => {
      const run = await runChaos(runnable(args));
      expect(run.stderr).not.toMatch(/does not exist|no such file|ENOENT|cannot (?:read|find|open)/i);
      // Exit 2 is bad input or usage (its one line is shown); 1 (a failed expectation, --strict warnings) still means the command ran.
      expect(run.code === 2 ? `exit 2: ${run.stderr}` : '').toBe('');
    },
    60_000,
  );
});
