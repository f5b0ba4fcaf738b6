import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Helpers shared by the benchmarks that start the built API server as a child process. */
export const ROOT = resolve(__dirname, '../..');
const BUILT_MAIN_JS = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

/** The server entry point measured: the repository's build, or another one given by --main. */
export const mainJsOf = (main?: string | null): string => (main ? resolve(main) : BUILT_MAIN_JS);

/** The commit measured, and whether the app's sources differ from it. */
export function describeCode(main?: string | null): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown (not a git checkout)';
  const dirty = git('status', '--porcelain', '--', 'apps', 'libs').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' + uncommitted changes in apps/ or libs/' : ''}${main ? ' (but --main measures another build)' : ''}`;
}

/** Builds the api (`npx nest build api`) unless told not to; `label` prefixes the printed line. */
export function buildApi(options: { build: boolean; main?: string | null }, label: string): void {
  const mainJs = mainJsOf(options.main);
  if (!options.build) {
    if (!existsSync(mainJs)) throw new Error(`${mainJs} does not exist: run \`npx nest build api\` first`);
    console.log(`${label}skipped, measuring ${options.main ? `the build given by --main (${options.main})` : 'the existing dist/apps/api'}`);
    return;
  }
  const started = Date.now();
  const result = spawnSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npx nest build api failed (${result.signal ?? `exit ${result.status}`})`);
  console.log(`${label}npx nest build api (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** An env with only what a child needs: inherited settings must not change what is measured. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SQLITE_CACHE_MIB']) if (process.env[key] !== undefined) env[key] = process.env[key];
  // The benchmarks sign many seeded users in from one address, for runs longer than a default token lives.
  const signIns = { LOGIN_LIMIT_PER_USER: '1000000', LOGIN_LIMIT_PER_ADDRESS: '1000000', JWT_EXPIRES_IN: '12h' };
  // A build given by --main may live outside the repository: let it find the repository's packages.
  return { ...env, ...signIns, NODE_PATH: join(ROOT, 'node_modules'), ...extra };
}
