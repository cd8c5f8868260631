import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * A TCP proxy between the app and Redis that a test can cut: `drop` resets every connection and
 * refuses new ones (a crashed link), `blackhole` keeps connections open but forwards nothing (a
 * silent partition: packets vanish), `loseRepliesAfter(marker)` forwards the first request that
 * contains `marker` and then loses every reply (the command ran, its answer never arrives),
 * `heal` forwards again.
 */
export interface TcpProxy {
  port: number;
  url: string;
  mode(): Mode;
  drop(): void;
  loseRepliesAfter(marker: string): void;
  blackhole(): void;
  heal(): void;
  close(): Promise<void>;
}

type Mode = 'open' | 'drop' | 'blackhole' | 'replies-lost';

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let mode: Mode = 'open';
  let trigger: Buffer | null = null;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    if (mode === 'drop') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if ((mode === 'open' || mode === 'replies-lost') && !upstream.destroyed) upstream.write(chunk);
      if (trigger && chunk.includes(trigger)) {
        trigger = null;
        mode = 'replies-lost';
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode === 'open' && !client.destroyed) client.write(chunk);
    });
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    mode: () => mode,
    drop() {
      mode = 'drop';
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
    },
    loseRepliesAfter(marker) {
      trigger = Buffer.from(marker);
    },
    heal() {
      // Connections that lost bytes while blackholed are out of step with Redis: reset them.
      if (mode === 'blackhole' || mode === 'replies-lost') {
        for (const [client, upstream] of pairs) {
          client.resetAndDestroy();
          upstream.destroy();
        }
        pairs.clear();
      }
      mode = 'open';
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}
