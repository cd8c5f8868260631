import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Repository root (bench/lib → ../..). */
export const ROOT = join(__dirname, '..', '..');

/** A Node child process (run through tsx) whose output is kept for waiting and for errors. */
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
  const child = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', join(ROOT, script), ...args], {
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
        const timer = setTimeout(() => { done(new Error(`${script}: no ${String(pattern)} within ${timeoutMs} ms:\n${out.slice(-2000)}`)); }, timeoutMs);
        listeners.add(check);
        void exited.then((code) => { done(new Error(`${script} exited (${String(code)}) before ${String(pattern)}:\n${out.slice(-2000)}`)); });
        check();
      }),
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** LiveCue's own entry (`src/main.ts api|worker|all`) as a child process. */
export function spawnLiveCue(mode: 'api' | 'worker' | 'all', env: Record<string, string>): Child {
  return spawnTs('src/main.ts', [mode], env);
}
