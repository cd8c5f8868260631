import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { consoleDistDir, consoleSourceDirs, findPackageRoot } from './console-dir';

export type ConsoleBuildResult = 'fresh' | 'built' | 'unavailable';

/** Newest modification time (ms) of a file or of any file under a folder; 0 when missing. */
function newestMtimeMs(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtimeMs(path.join(target, entry)));
  return newest;
}

/** Whether dist/console is missing or older than any of its sources. */
export function isConsoleStale(root: string = findPackageRoot()): boolean {
  const built = path.join(consoleDistDir(root), 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return consoleSourceDirs(root).some((dir) => newestMtimeMs(dir) > builtAt);
}

/**
 * Builds the console (`npm run build:console`: Vite into dist/console) when its files are missing
 * or stale, for `npm run demo` / `npm start` from a fresh checkout. 'unavailable' when it cannot
 * be built here (no Vite: a production install without devDependencies must ship dist/console);
 * the API then answers /console with a page saying how to build it. `env`: the environment the
 * build runs in, handed over by the entry point (demo, tests, bench).
 */
export async function ensureConsoleBuilt(options: { env: Record<string, string | undefined>; root?: string; log?: (line: string) => void }): Promise<ConsoleBuildResult> {
  const root = options.root ?? findPackageRoot();
  if (!isConsoleStale(root)) return 'fresh';
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    options.log?.('console not built and Vite is not installed: run npm ci && npm run build:console');
    return 'unavailable';
  }
  options.log?.('building the console (dist/console)…');
  const code = await new Promise<number | null>((resolve, reject) => {
    // NODE_ENV=production: Vite takes the caller's NODE_ENV (jest's `test`) over its build default
    // and would bundle React's development build. https://vite.dev/guide/env-and-mode
    const child = spawn(process.execPath, [vite, 'build', '--config', 'src/console/vite.config.ts', '--logLevel', 'error'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...options.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the console build failed (vite exited with ${String(code)})`);
  return 'built';
}
