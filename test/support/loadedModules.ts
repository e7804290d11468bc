import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a child `node` process printed, how it ended and every module it loaded (file paths, or `node:` URLs). */
export interface LoadedModulesRun {
  code: number;
  stdout: string;
  stderr: string;
  modules: string[];
}

/**
 * Runs `node ARGS` in the repository root with test/support/recordLoadedModules.mjs preloaded, and returns the
 * modules it loaded. `env` is added to the inherited environment (a value of `undefined` removes a variable).
 * With `asLoaded`, the chunks of dist/bundle/ are listed as the files they are, not as the files they hold, and
 * a module is listed once per thread that loaded it.
 *
 * @example
 * ```ts
 * const run = await nodeLoadedModules(['bin/chaos.js', '--version']);
 * run.modules.some((path) => path.includes('/@aws-sdk/')); // false
 * ```
 */
export async function nodeLoadedModules(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  { asLoaded = false }: { asLoaded?: boolean } = {},
): Promise<LoadedModulesRun> {
  const dir = await mkdtemp(join(tmpdir(), 'sfn-chaos-loaded-'));
  const file = join(dir, 'modules.txt');
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    NODE_OPTIONS: `--import "${join(root, 'test/support/recordLoadedModules.mjs')}"`,
    SFN_CHAOS_TEST_LOADED_MODULES: file,
  };
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  try {
    const result = await new Promise<Omit<LoadedModulesRun, 'modules'>>((done) => {
      execFile(process.execPath, [...args], { cwd: root, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
    const text = await readFile(file, 'utf8').catch(() => '');
    const loaded = text.split('\n').filter((line) => line !== '');
    if (asLoaded) return { ...result, modules: loaded };
    return { ...result, modules: [...new Set((await unbundled(loaded)).filter((line) => line !== ''))] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const bundleDir = join(root, 'dist/bundle');

/**
 * The command line's main thread and the library's entries are bundled (scripts/bundleEntries.mjs): each chunk of dist/bundle/ loaded stands
 * for the files the chunk holds (its inputs.json), so that what a command loads reads the same as without the bundle.
 */
async function unbundled(modules: string[]): Promise<string[]> {
  if (!modules.some((path) => path.startsWith(`${bundleDir}/`))) return modules;
  const inputsOf = JSON.parse(await readFile(join(bundleDir, 'inputs.json'), 'utf8')) as Record<string, string[]>;
  return modules.flatMap((path) => {
    if (!path.startsWith(`${bundleDir}/`)) return [path];
    const inputs = inputsOf[path.slice(bundleDir.length + 1)];
    if (inputs === undefined) throw new Error(`${path} is not in dist/bundle/inputs.json: run npm run build`);
    return inputs.map((input) => join(root, input));
  });
}

/** The modules of `run` that lie in `node_modules/<name>/` (a package name, scoped or not, or a scope like `@aws-sdk`). */
export function modulesOf(run: LoadedModulesRun, name: string): string[] {
  return run.modules.filter((path) => path.includes(`/node_modules/${name}/`));
}
