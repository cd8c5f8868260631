// `npm run build`: compiles what the service runs (config/, src/, workers/; tsconfig.build.json) to
// dist/, copies the non-TypeScript files those folders read at run time (the ops board's static
// files, Lua or text assets) next to the compiled code, runs `npm run build:console --if-present`
// (the console builds itself into dist/console), and stamps dist/ last, so a build that failed half
// way is not taken for a fresh one by scripts/ensure-built.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_DIRS, STAMP } from './ensure-built.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Built by its own tool (build:console), not copied. */
const OWN_BUILDS = [join('src', 'console')];

/** A file the compiled code may read at run time: not TypeScript, not tooling, not hidden. */
function isAsset(name) {
  if (name.startsWith('.')) return false;
  if (/\.(ts|tsx|mts|cts)$/.test(name)) return false;
  return !/^(eslint|vite|vitest|jest|prettier)\.config\.|^tsconfig.*\.json$|^package(-lock)?\.json$|\.test\./.test(name);
}

function listAssets(dir) {
  const out = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !OWN_BUILDS.includes(path)) out.push(...listAssets(path));
    } else if (entry.isFile() && isAsset(entry.name)) out.push(path);
  }
  return out;
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`build: ${[command, ...args].map((a) => relative(ROOT, a) || a).join(' ')} failed\n`);
    process.exit(result.status ?? 1);
  }
}

// A clean dist/: a module deleted from src/ must not live on as stale JavaScript.
rmSync(DIST, { recursive: true, force: true });
run(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')]);
const assets = SOURCE_DIRS.flatMap(listAssets);
for (const asset of assets) {
  mkdirSync(dirname(join(DIST, asset)), { recursive: true });
  copyFileSync(join(ROOT, asset), join(DIST, asset));
}
// npm sets npm_execpath to its own CLI when it runs this script; called as `node scripts/build.mjs`,
// the npm on PATH does.
// NODE_ENV=production whatever the caller's: Vite takes the shell's NODE_ENV over its build default,
// and under jest (NODE_ENV=test) it bundled React's development build (506 KB instead of 292 KB).
// https://vite.dev/guide/env-and-mode (NODE_ENV and modes)
const consoleEnv = { ...process.env, NODE_ENV: 'production' };
const npmCli = process.env.npm_execpath;
if (npmCli?.endsWith('.js')) run(process.execPath, [npmCli, 'run', 'build:console', '--if-present'], consoleEnv);
else run('npm', ['run', 'build:console', '--if-present'], consoleEnv);
writeFileSync(join(DIST, STAMP), `${new Date().toISOString()}\n`);
process.stdout.write(`build: dist/ compiled, ${assets.length} assets copied\n`);
