import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseChaosConfig, withChaos } from '../../src/injectors/index.js';
import { captureLog, lambdaContext } from './helpers.js';

/**
 * Every fault config written in README.md and docs/*.md, run through the injector as a reader would copy it:
 * inline JSON in backticks, JSON blocks (a config, or a payload carrying one under `sfnChaos`), and the
 * `--value` of shell commands (run by bash, so `$(date …)` gives the time it would give the reader). Each must
 * be valid where it comes from outside the code (so with `expiresAt`), not expired a month from now, and
 * must inject when its faults fire on every invocation.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MONTH_MS = 30 * 24 * 3600 * 1000;

interface Example {
  where: string;
  config: Record<string, unknown>;
  /** The payload the config came in (for `match` rules and `RetryCount`), when it came in one. */
  payload: Record<string, unknown>;
  /** The expiry is computed when the reader runs the command (`$(date …)`), not written as a date. */
  relative?: true;
}

function markdownFiles(): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const armsFaults = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && Array.isArray(value['faults']) && value['faults'].length > 0;

function examplesIn(file: string): Example[] {
  const text = readFileSync(join(root, file), 'utf8');
  const examples: Example[] = [];
  const lineOf = (index: number): number => text.slice(0, index).split('\n').length;
  for (const block of text.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    const [, language, body = ''] = block;
    const where = `${file}:${lineOf(block.index)}`;
    if (language === 'json') {
      const value = parsed(body);
      if (armsFaults(value)) examples.push({ where, config: value, payload: {} });
      else if (isRecord(value) && armsFaults(value['sfnChaos'])) examples.push({ where, config: value['sfnChaos'], payload: value });
    }
    if (language === 'sh') {
      for (const command of body.replace(/\\\n\s*/g, ' ').split('\n')) {
        const argument = /--value\s+("(?:[^"\\]|\\.)*"|'[^']*')/.exec(command)?.[1];
        if (argument === undefined) continue;
        const value = parsed(execFileSync('bash', ['-c', `printf '%s' ${argument}`], { encoding: 'utf8' }));
        if (armsFaults(value))
          examples.push({ where, config: value, payload: {}, ...(argument.includes('$(') ? { relative: true as const } : {}) });
      }
    }
  }
  const prose = text.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' '));
  for (const span of prose.matchAll(/`(\{[^`]*\})`/g)) {
    const value = parsed(span[1] ?? '');
    if (armsFaults(value)) examples.push({ where: `${file}:${lineOf(span.index)}`, config: value, payload: {} });
  }
  return examples;
}

const examples = markdownFiles().flatMap(examplesIn);

describe('fault config examples in the docs', () => {
  it('finds the examples of README.md and docs/injector.md', () => {
    expect(examples.map((example) => example.where.split(':')[0])).toEqual(expect.arrayContaining(['README.md', 'docs/injector.md']));
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((example) => [example.where, example] as const))(
    '%s is valid from outside the code and not about to expire',
    (_where, example) => {
      const config = parseChaosConfig(example.config, { requireExpiresAt: true });
      // A written date must hold for a while; a computed one lies ahead of the time it is computed at.
      expect(Date.parse(config.expiresAt ?? '')).toBeGreaterThan(Date.now() + (example.relative ? 0 : MONTH_MS));
    },
  );

  it.each(examples.map((example) => [example.where, example] as const))('%s injects when its faults fire', async (_where, example) => {
    const config = parseChaosConfig(example.config, { requireExpiresAt: true });
    // Rates become 1 so the check does not depend on a draw; what is checked is that the config arms.
    const everyTime = { ...config, faults: config.faults.map((fault) => (fault.rate === undefined ? fault : { ...fault, rate: 1 })) };
    const output = captureLog();
    const handler = withChaos(async (_event: unknown, _context: unknown) => 'handled', {
      config: everyTime,
      payloadOverride: false,
      log: output.log,
      sleep: async () => undefined,
    });
    await handler({ ...example.payload, RetryCount: 0 }, lambdaContext()).catch(() => undefined);
    expect(output.warnings()).toEqual([]);
    expect(output.ledger().length).toBeGreaterThan(0);
  });
});
