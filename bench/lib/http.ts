import { Agent, request } from 'node:http';

/** A keep-alive HTTP client with at most `sockets` connections (like a load tool's clients). */
export function keepAliveClient(sockets: number): { post(url: string, body: string, headers: Record<string, string>): Promise<number>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post: (url, body, headers) =>
      new Promise<number>((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => { resolve(res.statusCode ?? 0); });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => { agent.destroy(); },
  };
}
