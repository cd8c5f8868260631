import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isChannelError } from '../../../src/channels/channel-error';
import type { ChannelError } from '../../../src/channels/channel-error';
import { createWebhookChannel } from '../../../src/channels/webhook/create-webhook-channel';
import { createEvent } from '../../../src/notify';
import { createSystemClock } from '../../../src/shared/clock';
import { startReceiver } from '../../support/webhook-receiver';

const event = createEvent({ type: 'session.reminder', sessionId: 'ses_k3j9x0a1b2c3', occurredAt: '2026-12-01T12:00:00.000Z', stableKey: 'ses_k3j9x0a1b2c3__reminder__PT1H', data: { title: 'Đặc sản Chợ Cồn' } });

/** Webhooks behind the channel interface: the same signed POST as before, failures as ChannelErrors with the same messages. */
describe('the webhook channel', () => {
  const channel = createWebhookChannel({ clock: createSystemClock(), timeoutMs: 2000, allowLinkLocal: false });
  const failureOf = async (run: () => Promise<unknown>): Promise<ChannelError> => {
    try {
      await run();
    } catch (err) {
      if (isChannelError(err)) return err;
      throw err;
    }
    throw new Error('expected a ChannelError');
  };

  it('sends the signed event and answers its id and the status', async () => {
    const receiver = await startReceiver('hook-secret-123');
    try {
      expect(await channel.send({ url: receiver.url, secret: 'hook-secret-123' }, event)).toEqual({ id: event.id, status: 200 });
      expect(receiver.events.map((e) => [e.valid, e.body.id, e.body.type])).toEqual([[true, event.id, 'session.reminder']]);
    } finally {
      await receiver.close();
    }
  });

  it('classifies a 503 with Retry-After as transient and a 404 as a hook that will not take it', async () => {
    let status = 503;
    const server = createServer((_req, res) => res.writeHead(status, status === 503 ? { 'retry-after': '7' } : {}).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => { r(); }));
    const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/hook`;
    try {
      const busy = await failureOf(() => channel.send({ url, secret: 's' }, event));
      expect([busy.channel, busy.kind, busy.retryable, busy.code, busy.retryAfterMs]).toEqual(['webhook', 'transient', true, '503', 7000]);
      status = 404;
      const gone = await failureOf(() => channel.send({ url, secret: 's' }, event));
      expect([gone.kind, gone.retryable, gone.code, gone.message]).toEqual(['recipient', false, '404', `Webhook to ${new URL(url).host} answered 404`]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => { r(); }));
    }
  });

  it('refuses a cloud-metadata address for good, before any call', async () => {
    const refused = await failureOf(() => channel.send({ url: 'http://169.254.169.254/latest', secret: 's' }, event));
    expect([refused.kind, refused.retryable, refused.code]).toEqual(['recipient', false, 'refused']);
  });
});
