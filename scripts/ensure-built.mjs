// Runs before `npm start`/`api`/`worker`/`sandbox`: builds dist/ (`npm run build`) when it is missing
// or older than any source, so `npm ci && npm start` works on a fresh clone and an edited tree never
// runs yesterday's JavaScript. Freshness is the mtime of dist/.build-stamp (written last by
// scripts/build.mjs) against the newest source file. In the container image there are no sources:
// a stamped dist/ is fresh there. The console (src/console, built by Vite into dist/console) counts
// too: a dist/ whose console is missing (deleted, or a build interrupted before it) is stale, so
// `npm start` builds it instead of serving "the console is not built".
//   node scripts/ensure-built.mjs                 build if stale
//   node scripts/ensure-built.mjs --check [root]  exit 0 when fresh, 1 when stale (builds nothing)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders tsconfig.build.json compiles (and scripts/build.mjs copies assets from). */
export const SOURCE_DIRS = ['config', 'src', 'workers'];
/** Files outside them that change what the build produces. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', join('scripts', 'build.mjs')];
/** The console's sources, and the page the console build writes last (Vite writes index.html after its chunks). */
const CONSOLE_SOURCES = join('src', 'console');
export const CONSOLE_BUILT = join('dist', 'console', 'index.html');
/** Written inside dist/ by scripts/build.mjs once everything was built. */
export const STAMP = '.build-stamp';

function newestMtimeMs(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  }
  return newest;
}

/** True when `root`/dist was never built, its console is missing, or a source is newer than its last build. */
export function isBuildStale(root) {
  const stamp = join(root, 'dist', STAMP);
  if (!existsSync(stamp)) return true;
  if (existsSync(join(root, CONSOLE_SOURCES)) && !existsSync(join(root, CONSOLE_BUILT))) return true;
  const newestSource = Math.max(...[...SOURCE_DIRS, ...BUILD_INPUTS].map((p) => newestMtimeMs(join(root, p))));
  return newestSource > statSync(stamp).mtimeMs;
}

function buildNow(root) {
  // npm sets npm_execpath to its own CLI when it runs this script; otherwise the npm on PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli?.endsWith('.js') ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  process.stderr.write('dist/ is missing or older than the sources: npm run build\n');
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const rootArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const root = rootArg ? resolve(rootArg) : fileURLToPath(new URL('..', import.meta.url));
  const stale = isBuildStale(root);
  if (check) process.exit(stale ? 1 : 0);
  if (stale) buildNow(root);
}
