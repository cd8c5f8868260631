import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** `tsx src/main.ts worker` (or api/all) as a real child process with `env`. */
export function spawnLiveCue(mode: 'worker' | 'api' | 'all', env: Record<string, string>): WorkerProcess {
  // `node --import tsx` runs in this one process (the tsx CLI would fork a child that SIGKILL misses).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main.ts'), mode], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  return { child, output: () => out, exited };
}

export async function killAndWait(p: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill(signal);
  return p.exited;
}
