import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '../deps';
import { waitForReady } from '../store/redis';
import { createApp } from './app';

export interface RunningApi {
  server: Server;
  port: number;
  url: string;
  /**
   * Stop taking requests at once (`/readyz` answers 503 on connections still open), let the ones
   * in flight finish for up to LIVECUE_SHUTDOWN_GRACE_MS, then cut what is left.
   */
  close(): Promise<void>;
}

export async function startApi(deps: Deps, port = deps.config.port, host = deps.config.host): Promise<RunningApi> {
  // Requests taken before the store is up would answer 503, and the rate limiter loads its script at creation.
  await waitForReady(deps.redis, 5000);
  const app = createApp(deps);
  let draining = false;
  const server = createServer((req, res) => {
    // From the first moment of a shutdown a load balancer must stop sending here.
    if (draining && req.url?.startsWith('/readyz') === true) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ status: 'not_ready', missing: ['shutting down'], warnings: [], workers: 0 }));
      return;
    }
    app(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  server.maxHeadersCount = 100;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shown}:${actual}`;
  deps.logger.info('api listening', { component: 'api', url });
  return {
    server,
    port: actual,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        draining = true;
        server.close(() => {
          resolve();
        });
        server.closeIdleConnections();
        setTimeout(() => {
          server.closeAllConnections();
        }, deps.config.shutdownGraceMs).unref();
      }),
  };
}
