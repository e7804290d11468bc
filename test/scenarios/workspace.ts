import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the checked-in fixtures. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}

/**
 * A fresh folder holding the given files (paths relative to it). Every test gets its own, so
 * handler modules are imported afresh and messages show short relative paths.
 */
const created: string[] = [];

export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-scenarios-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** The dice definition and handler that most bad-input cases start from. */
export function diceFiles(): Record<string, string> {
  return {
    'statemachine.asl.json': fixture('definition', 'statemachine.asl.json'),
    'handlers/roll.mjs': fixture('definition', 'handlers', 'roll.mjs'),
  };
}

/** Deletes every folder {@link workspace} made; for `afterAll`. */
export function removeWorkspaces(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
