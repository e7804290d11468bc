/**
 * The local AWS endpoint is TypeScript (test/support/awsEndpoint, shared with the jest test). This
 * transpiles it with @swc/core into node_modules/.cache/sfn-chaos-aws-soak, pointing its imports of
 * src/ at the build in dist/, and returns the folder to import from.
 */
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function compileEndpoint(root) {
  const source = join(root, 'test/support/awsEndpoint');
  const out = join(root, 'node_modules/.cache/sfn-chaos-aws-soak');
  mkdirSync(out, { recursive: true });
  const dist = pathToFileURL(resolve(root, 'dist')).href;
  for (const name of readdirSync(source).filter((file) => file.endsWith('.ts'))) {
    const { code } = await transformFile(join(source, name), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    writeFileSync(join(out, name.replace(/\.ts$/, '.js')), code.replaceAll(/(['"])(?:\.\.\/)+src\//g, `$1${dist}/`));
  }
  return out;
}
