/**
 * scripts/ensure-built.mjs decides from mtimes whether `npm start` must build first: dist/ missing,
 * or a source (or tsconfig) newer than dist/.build-stamp, means stale. Run as the real script on a
 * throw-away tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'ensure-built.mjs');
const check = (root: string): number | null => spawnSync(process.execPath, [SCRIPT, '--check', root]).status;

describe('ensure-built --check', () => {
  let root: string;
  const at = (path: string, seconds: number): void => {
    utimesSync(join(root, path), seconds, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'livecue-ensure-built-'));
    for (const dir of ['src/ops', 'workers', 'config']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'src/ops/board.ts'), '');
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    for (const path of ['src/ops/board.ts', 'src/ops', 'src', 'workers', 'config', 'tsconfig.json']) at(path, 1_000);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const stamp = (seconds: number): void => {
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist', '.build-stamp'), '');
    at('dist/.build-stamp', seconds);
  };

  it('calls a tree without dist/ stale', () => {
    expect(check(root)).toBe(1);
  });

  it('calls dist/ stamped after the newest source fresh', () => {
    stamp(2_000);
    expect(check(root)).toBe(0);
  });

  it('calls dist/ stale once a nested source changes', () => {
    stamp(2_000);
    at('src/ops/board.ts', 3_000);
    expect(check(root)).toBe(1);
  });

  it('calls dist/ stale once a source is deleted (its folder changes)', () => {
    stamp(2_000);
    rmSync(join(root, 'src/ops/board.ts'));
    expect(check(root)).toBe(1);
  });

  it('calls dist/ stale once the tsconfig changes', () => {
    stamp(2_000);
    at('tsconfig.json', 3_000);
    expect(check(root)).toBe(1);
  });

  describe('with a console (src/console, built into dist/console)', () => {
    beforeEach(() => {
      mkdirSync(join(root, 'src/console'), { recursive: true });
      writeFileSync(join(root, 'src/console/main.tsx'), '');
      for (const path of ['src/console/main.tsx', 'src/console', 'src']) at(path, 1_000);
    });
    const buildConsole = (seconds: number): void => {
      mkdirSync(join(root, 'dist/console'), { recursive: true });
      writeFileSync(join(root, 'dist/console/index.html'), '');
      at('dist/console/index.html', seconds);
    };

    it('calls a stamped dist/ whose console is missing stale (npm start then builds it)', () => {
      stamp(2_000);
      expect(check(root)).toBe(1);
      buildConsole(2_000);
      expect(check(root)).toBe(0);
    });

    it('calls dist/ stale once a console source changes', () => {
      buildConsole(2_000);
      stamp(2_000);
      at('src/console/main.tsx', 3_000);
      expect(check(root)).toBe(1);
    });
  });

  it('calls dist/ stale once package-lock.json changes (other dependency versions in the bundle)', () => {
    writeFileSync(join(root, 'package-lock.json'), '{}');
    at('package-lock.json', 1_000);
    stamp(2_000);
    expect(check(root)).toBe(0);
    at('package-lock.json', 3_000);
    expect(check(root)).toBe(1);
  });

  it('calls a stamped dist/ without sources fresh (the container image)', () => {
    rmSync(join(root, 'src'), { recursive: true });
    rmSync(join(root, 'workers'), { recursive: true });
    rmSync(join(root, 'config'), { recursive: true });
    rmSync(join(root, 'tsconfig.json'));
    stamp(500);
    expect(check(root)).toBe(0);
  });
});
