import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The package root (the folder of LiveCue's package.json), found by walking up from this module:
 * the same answer whether the server runs from TypeScript (tsx, jest) or compiled into dist/.
 */
export function findPackageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'livecue') return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/** Where `npm run build:console` writes the console (dist/console under the package root). */
export function consoleDistDir(root: string = findPackageRoot()): string {
  return path.join(root, 'dist', 'console');
}

/** The console's sources and the shared code it bundles: a change to any of them makes the build stale. */
export function consoleSourceDirs(root: string = findPackageRoot()): string[] {
  return ['src/console', 'src/api/schemas', 'src/text', 'src/domain', 'src/planning', 'src/shared/clock.ts'].map((p) => path.join(root, p));
}
