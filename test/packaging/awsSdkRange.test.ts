import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The AWS SDK clients are declared with caret ranges, so a user's own (newer) SDK v3 satisfies them and npm
 * installs one copy of each client, not ours beside theirs. The floor of each range is the version the lock
 * file installs, which is the one this suite runs against: the tests cover the range's lowest version, and the
 * SDK's minor releases keep v3's API.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

const manifests: Array<[string, Record<string, string>]> = [
  ['package.json dependencies', readJson('package.json')['dependencies'] as Record<string, string>],
  ['packages/injector peerDependencies', readJson('packages/injector/package.json')['peerDependencies'] as Record<string, string>],
];
const declared = manifests.flatMap(([where, deps]) =>
  Object.entries(deps)
    .filter(([name]) => name.startsWith('@aws-sdk/'))
    .map(([name, range]) => [`${where}: ${name}`, name, range] as const),
);

describe('AWS SDK version ranges', () => {
  it('declares the four clients', () => {
    expect(
      declared
        .filter(([where]) => where.startsWith('package.json'))
        .map(([, name]) => name)
        .sort(),
    ).toEqual(['@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-lambda', '@aws-sdk/client-sfn', '@aws-sdk/client-ssm']);
  });

  it.each(declared)('%s is a caret range whose floor is the version the tests run on', (_where, name, range) => {
    const installed = readJson(`node_modules/${name}/package.json`)['version'];
    expect(range).toBe(`^${String(installed)}`);
  });
});
