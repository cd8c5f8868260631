import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Repository root (bench/lib → ../..). */
export const ROOT = join(__dirname, '..', '..');

/** A Node child process whose output is kept for waiting and for errors. */
export interface Child {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves when the output matches `pattern`; rejects on exit or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Extra Node flags for every child, for profiling: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** `node --import tsx <script> ...args` as one process (so SIGKILL reaches the real worker). */
export function spawnTs(script: string, args: string[], env: Record<string, string>): Child {
  return spawnNode(['--import', 'tsx', join(ROOT, script), ...args], script, env);
}

/** `node <nodeArgs>` (after BENCH_NODE_ARGS); `label` names it in errors. */
export function spawnNode(nodeArgs: string[], label: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [...NODE_ARGS, ...nodeArgs], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const done = (err?: Error): void => {
          listeners.delete(check);
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        };
        const check = (): void => {
          if (pattern.test(out)) done();
        };
        const timer = setTimeout(() => { done(new Error(`${label}: no ${String(pattern)} within ${timeoutMs} ms:\n${out.slice(-2000)}`)); }, timeoutMs);
        listeners.add(check);
        void exited.then((code) => { done(new Error(`${label} exited (${String(code)}) before ${String(pattern)}:\n${out.slice(-2000)}`)); });
        check();
      }),
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** The compiled entry `npm start`/`api`/`worker` run, as in production. */
export const LIVECUE_ENTRY = join('dist', 'src', 'main.js');

/** LiveCue's own entry (`node dist/src/main.js api|worker|all`, see ensureBuilt) as a child process. */
export function spawnLiveCue(mode: 'api' | 'worker' | 'all', env: Record<string, string>): Child {
  return spawnNode([join(ROOT, LIVECUE_ENTRY), mode], `${LIVECUE_ENTRY} ${mode}`, env);
}

/** Builds dist/ when it is missing or older than the sources (scripts/ensure-built.mjs). */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('bench: npm run build failed');
}
