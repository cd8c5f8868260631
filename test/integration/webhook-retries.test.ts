import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../src/notify';
import { registerAccounts, startTestApp, waitFor } from '../support/app';
import type { TestApp } from '../support/app';

describe('outgoing webhooks', () => {
  let app: TestApp;
  const received: { id: string; type: string; valid: boolean; status: number }[] = [];
  let failuresLeft = 2;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw);
      const status = failuresLeft > 0 ? 503 : 200;
      if (failuresLeft > 0) failuresLeft -= 1;
      const valid = verifySignature('retry-secret-1', String(req.headers['x-livecue-timestamp']), raw, String(req.headers['x-livecue-signature']));
      received.push({ id: body.id, type: body.type, valid, status });
      res.writeHead(status).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => { r(); }));
    app = await startTestApp({ LIVECUE_RETRY_BASE_MS: '100' });
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => { r(); }));
  });

  it('retries a reminder that the receiver refuses, keeping the same event id and a valid signature', async () => {
    const port = (server.address() as AddressInfo).port;
    const startMs = Date.now() + 60_000;
    const created = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: {
        title: 'Quầy Anh Hoa - Mắm và gia vị',
        startsAt: new Date(startMs).toISOString(),
        durationMinutes: 60,
        targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false, announce: false }],
        announceOffsets: [],
        reminderOffsets: ['PT59S'],
        notify: [{ type: 'webhook', url: `http://127.0.0.1:${port}/hook`, secret: 'retry-secret-1' }],
      },
    });
    expect(created.status).toBe(201);
    await waitFor('the reminder to be accepted', () => received.some((r) => r.status === 200), 20_000);
    const reminders = received.filter((r) => r.type === 'session.reminder');
    expect(reminders.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(reminders.map((r) => r.id)).size).toBe(1);
    expect(reminders.every((r) => r.valid)).toBe(true);
  }, 40_000);
});
