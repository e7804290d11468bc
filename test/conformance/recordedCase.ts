import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The AWS-recorded histories (see test/fixtures/aws-recorded/README.md for provenance and placeholders). */
export const recordedRoot = fileURLToPath(new URL('../fixtures/aws-recorded/', import.meta.url));

export interface RecordedCase {
  name: string;
  definition: unknown;
  /** Parsed history events as stored (timestamps replaced, JSON strings parsed). */
  history: unknown[] | undefined;
  meta: {
    description: string;
    execution_input: unknown;
    lambda_handler?: string | null;
    state_machine_type: string;
    notes?: string | null;
    last_validated_date?: string;
  };
}

export function recordedCaseNames(): string[] {
  return readdirSync(recordedRoot)
    .filter((entry) => statSync(join(recordedRoot, entry)).isDirectory())
    .sort();
}

export function loadRecordedCase(name: string): RecordedCase {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(recordedRoot, name, file), 'utf8'));
  return {
    name,
    definition: read('definition.json'),
    history: existsSync(join(recordedRoot, name, 'history.json')) ? (read('history.json') as unknown[]) : undefined,
    meta: read('meta.json') as RecordedCase['meta'],
  };
}

export function readRecordedFile(name: string, file: string): unknown {
  return JSON.parse(readFileSync(join(recordedRoot, name, file), 'utf8'));
}
