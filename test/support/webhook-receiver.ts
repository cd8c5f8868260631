import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/notify';

export interface ReceivedEvent {
  body: any;
  raw: string;
  timestamp: string;
  signature: string;
  valid: boolean;
}

/** A local webhook receiver that checks LiveCue's signatures. */
export async function startReceiver(secret: string): Promise<{ url: string; events: ReceivedEvent[]; close(): Promise<void> }> {
  const events: ReceivedEvent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-livecue-timestamp'] ?? '');
      const signature = String(req.headers['x-livecue-signature'] ?? '');
      events.push({ body: JSON.parse(raw), raw, timestamp, signature, valid: verifySignature(secret, timestamp, raw, signature) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => { r(); }));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/livecue`,
    events,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => { r(); });
    }),
  };
}
