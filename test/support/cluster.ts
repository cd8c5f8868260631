import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { findFreePort, findRedisServerBinary } from '../../src/shared/private-redis';

const run = promisify(execFile);

/** A local Redis Cluster of `masters` redis-servers on loopback ports (no replicas). */
export interface LocalCluster {
  nodes: { host: string; port: number }[];
  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  nodesEnv: string;
  stop(): Promise<void>;
}

export async function startLocalCluster(masters = 3): Promise<LocalCluster> {
  const bin = findRedisServerBinary();
  if (!bin) throw new Error('redis-server is not installed');
  const cli = bin.replace(/redis-server$/, 'redis-cli');
  const dir = mkdtempSync(join(tmpdir(), 'livecue-cluster-'));
  const children: ChildProcess[] = [];
  const nodes: { host: string; port: number }[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) {
              resolve();
              return;
            }
            c.once('exit', () => { resolve(); });
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i += 1) {
      const port = await findFreePort();
      nodes.push({ host: '127.0.0.1', port });
      children.push(
        spawn(bin, [
          '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', `dump-${port}.rdb`,
          '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000',
          '--appendonly', 'yes', '--appendfilename', `aof-${port}.aof`, '--appenddirname', `aof-${port}`,
          '--save', '', '--maxmemory-policy', 'noeviction', '--hz', '100', '--logfile', '',
        ], { stdio: 'ignore' }),
      );
    }
    for (const n of nodes) await waitForPing(n.port);
    await run(cli, ['--cluster', 'create', ...nodes.map((n) => `${n.host}:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const n of nodes) await waitForClusterOk(n.port);
    return { nodes, nodesEnv: nodes.map((n) => `${n.host}:${n.port}`).join(','), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    } finally {
      client.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForClusterOk(port: number): Promise<void> {
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      const info = await client.cluster('INFO');
      if (/cluster_state:ok/.test(info)) return;
      if (Date.now() > deadline) throw new Error(`cluster node ${port} not ok:\n${info}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.disconnect();
  }
}
