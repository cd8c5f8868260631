import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it: raw body bytes as text, headers lowercased. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** How the receiver answers one request; `hold` never answers (until the receiver closes). */
export type Reply = { status: number; headers?: Record<string, string> } | 'hold';

/** A webhook receiver on 127.0.0.1, port 0, recording every request it gets. */
export interface Receiver {
  url: (path?: string) => string;
  port: number;
  requests: ReceivedRequest[];
  /** Sets the answer for the following requests. */
  reply: (reply: Reply) => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let current: Reply = { status: 204 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      if (current === 'hold') return;
      res.writeHead(current.status, current.headers ?? {});
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = '/hooks/livecue') => `http://127.0.0.1:${port}${path}`,
    requests,
    reply: (reply) => {
      current = reply;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
