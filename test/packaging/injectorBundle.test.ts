import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * A Lambda function that bundles the built sfn-chaos-injector with esbuild (`npm run build` first) carries no AWS
 * SDK: the SSM client is imported at run time, from the SDK the Lambda Node.js runtime ships, and only when a
 * parameter is named.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-bundle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bundle(source: string): Promise<{ inputs: string[]; code: string }> {
  const entry = join(dir, `handler${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
    outdir: dir,
  });
  return { inputs: Object.keys(result.metafile.inputs), code: result.outputFiles[0]?.text ?? '' };
}

describe('an esbuild bundle of a wrapped handler', () => {
  it('holds the injector and no @aws-sdk or @smithy module, with or without an SSM parameter', async () => {
    for (const options of ['', ", { ssm: { parameterName: '/chaos/charge-order' } }"]) {
      const { inputs, code } = await bundle(
        `import { withChaos } from 'sfn-chaos-injector';\nexport const handler = withChaos(async () => 'ok'${options});\n`,
      );
      // The package's entry is itself one bundled file (scripts/bundleInjector.mjs).
      expect(inputs.filter((input) => input.includes('packages/injector/dist/'))).toEqual(['packages/injector/dist/injectors/index.js']);
      expect(inputs.filter((input) => /node_modules\/@(aws-sdk|smithy)\//.test(input))).toEqual([]);
      expect(code).toContain('client-ssm');
    }
  });
});
