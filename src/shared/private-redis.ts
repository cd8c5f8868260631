import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private redis-server on a free loopback port, for tests, the demo and benchmarks. */
export interface PrivateRedis {
  url: string;
  port: number;
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

export function findRedisServerBinary(): string | null {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => { resolve(port); });
    });
  });
}

export interface StartRedisOptions {
  appendonly?: boolean;
  port?: number;
  dir?: string;
  extraArgs?: string[];
}

export async function startPrivateRedis(options: StartRedisOptions = {}): Promise<PrivateRedis> {
  const bin = findRedisServerBinary();
  if (!bin) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const port = options.port ?? (await findFreePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'livecue-redis-'));
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendonly === false ? 'no' : 'yes',
    '--appendfsync', 'everysec',
    '--maxmemory-policy', 'noeviction',
    '--hz', '100',
    '--daemonize', 'no',
    '--logfile', '',
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(bin, args, { stdio: 'ignore', detached: false });
  const url = `redis://127.0.0.1:${port}`;
  await waitForPort(port, 10_000);
  return {
    url,
    port,
    pid: child.pid ?? 0,
    dir,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => { resolve(false); });
    });
    if (ok) return;
    if (performance.now() > deadline) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
