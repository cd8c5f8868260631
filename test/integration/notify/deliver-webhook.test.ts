import { createManualClock } from '../../../src/shared/clock';
import { checkHookUrl } from '../../../src/notify/check-hook-url';
import type { ResolveHost } from '../../../src/notify/check-hook-url';
import { createEvent } from '../../../src/notify/create-event';
import type { CreateEventInput } from '../../../src/notify/create-event';
import { deliverWebhook } from '../../../src/notify/deliver-webhook';
import type { DeliverWebhookDeps } from '../../../src/notify/deliver-webhook';
import { verifySignature } from '../../../src/notify/sign-payload';
import { WebhookDeliveryError } from '../../../src/notify/webhook-delivery-error';
import { startReceiver } from './receiver';
import type { Receiver } from './receiver';

const secret = 'whsec_chocon_2024';
const startMs = Date.parse('2024-06-07T11:00:00.000Z');

function anEvent(overrides: Partial<CreateEventInput> = {}) {
  return createEvent({
    type: 'session.reminder',
    sessionId: 'ses_k3j9x0a1b2c3',
    data: {
      offset: 'PT1H',
      text: 'Còn 1 giờ nữa: Chợ Cồn đêm',
      products: ['Mực rim me – 180.000 ₫'],
    },
    occurredAt: '2024-06-07T11:00:00.000Z',
    stableKey: 'ses_k3j9x0a1b2c3__reminder__PT1H',
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<WebhookDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WebhookDeliveryError))
    throw new Error(`expected WebhookDeliveryError, got ${String(error)}`);
  return error;
}

describe('deliverWebhook against a real receiver', () => {
  let receiver: Receiver;
  let deps: DeliverWebhookDeps;

  beforeEach(async () => {
    receiver = await startReceiver();
    deps = { clock: createManualClock(startMs), allowLinkLocal: false, timeoutMs: 2000 };
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts the event as JSON with a signature the receiver verifies on the raw body', async () => {
    const event = anEvent();
    const result = await deliverWebhook({ url: receiver.url(), secret }, event, deps);

    expect(result.status).toBe(204);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/livecue');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-livecue-timestamp']).toBe('1717758000');
    expect(request?.headers['x-livecue-event-id']).toBe(event.id);
    expect(request?.headers['user-agent']).toMatch(/^LiveCue/);
    const signature = String(request?.headers['x-livecue-signature']);
    expect(verifySignature(secret, '1717758000', request?.rawBody ?? '', signature)).toBe(true);
    expect(verifySignature('wrong-secret', '1717758000', request?.rawBody ?? '', signature)).toBe(
      false,
    );
    expect(JSON.parse(request?.rawBody ?? '')).toEqual(event);
  });

  it('sends the same event id when the same effect is delivered again later', async () => {
    await deliverWebhook({ url: receiver.url(), secret }, anEvent(), deps);
    (deps.clock as ReturnType<typeof createManualClock>).advance(30_000);
    await deliverWebhook(
      { url: receiver.url(), secret },
      anEvent({ occurredAt: '2024-06-07T11:00:30.000Z' }),
      deps,
    );

    const [first, second] = receiver.requests.map((r) => ({
      header: r.headers['x-livecue-event-id'],
      id: (JSON.parse(r.rawBody) as { id: string }).id,
      timestamp: r.headers['x-livecue-timestamp'],
    }));
    expect(second?.id).toBe(first?.id);
    expect(second?.header).toBe(first?.header);
    expect(second?.timestamp).toBe('1717758030');
  });

  it('uses a caller-provided user agent', async () => {
    await deliverWebhook({ url: receiver.url(), secret }, anEvent(), {
      ...deps,
      userAgent: 'ChoCon/2',
    });
    expect(receiver.requests[0]?.headers['user-agent']).toBe('ChoCon/2');
  });

  it('reports a 500 as a retryable failure', async () => {
    receiver.reply({ status: 500 });
    const error = await failureOf(deliverWebhook({ url: receiver.url(), secret }, anEvent(), deps));
    expect(error).toMatchObject({ kind: 'http', status: 500, retryable: true });
    expect(error.message).toBe(`Webhook to 127.0.0.1:${receiver.port} answered 500`);
  });

  it('reports a 404 as a failure not worth retrying', async () => {
    receiver.reply({ status: 404 });
    const error = await failureOf(deliverWebhook({ url: receiver.url(), secret }, anEvent(), deps));
    expect(error).toMatchObject({ kind: 'http', status: 404, retryable: false });
  });

  it('passes on the Retry-After of a 429', async () => {
    receiver.reply({ status: 429, headers: { 'Retry-After': '7' } });
    const error = await failureOf(deliverWebhook({ url: receiver.url(), secret }, anEvent(), deps));
    expect(error).toMatchObject({ kind: 'http', status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it('does not follow a redirect', async () => {
    receiver.reply({ status: 302, headers: { Location: receiver.url('/elsewhere') } });
    const error = await failureOf(deliverWebhook({ url: receiver.url(), secret }, anEvent(), deps));
    expect(error).toMatchObject({ status: 302, retryable: false });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/livecue']);
  });

  it('gives up on a receiver slower than timeoutMs with a retryable timeout', async () => {
    receiver.reply('hold');
    const error = await failureOf(
      deliverWebhook({ url: receiver.url(), secret }, anEvent(), { ...deps, timeoutMs: 150 }),
    );
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports a closed port as a retryable network failure', async () => {
    const closed = await startReceiver();
    const url = closed.url();
    await closed.close();
    const error = await failureOf(deliverWebhook({ url, secret }, anEvent(), deps));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    // What viewers can read says nothing about what listens there (a port-scan oracle otherwise).
    expect(error.message).toBe(`Webhook to 127.0.0.1:${closed.port} unreachable`);
    expect(error.detail).toMatch(/ECONNREFUSED/);
  });

  it('says the same "unreachable" whatever kind of server answers badly at the port', async () => {
    const { createServer } = await import('node:net');
    const hangUp = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => hangUp.listen(0, '127.0.0.1', () => { r(); }));
    const port = (hangUp.address() as { port: number }).port;
    try {
      const error = await failureOf(deliverWebhook({ url: `http://127.0.0.1:${port}/`, secret }, anEvent(), deps));
      expect(error.message).toBe(`Webhook to 127.0.0.1:${port} unreachable`);
      expect(error.detail).toMatch(/socket hang up|ECONNRESET/);
    } finally {
      hangUp.close();
    }
  });

  it('refuses a link-local URL before any connection is tried', async () => {
    const error = await failureOf(
      deliverWebhook({ url: 'http://169.254.169.254/latest/meta-data/', secret }, anEvent(), deps),
    );
    expect(error).toMatchObject({ kind: 'refused', retryable: false });
    expect(error.message).toMatch(/link-local or a cloud metadata address/);
  });

  it('passes the link-local check when allowLinkLocal is set', async () => {
    await expect(
      checkHookUrl('http://169.254.169.254/', { allowLinkLocal: true }),
    ).resolves.toEqual([{ address: '169.254.169.254', family: 4 }]);
  });

  it('refuses a name resolving to a link-local address without sending anything', async () => {
    const resolve: ResolveHost = () => Promise.resolve([{ address: '169.254.169.254', family: 4 }]);
    const url = `http://hooks.chocon.test:${receiver.port}/hooks/livecue`;
    const error = await failureOf(deliverWebhook({ url, secret }, anEvent(), { ...deps, resolve }));
    expect(error).toMatchObject({ kind: 'refused', retryable: false });
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a name that switches to a link-local address after the check (DNS rebinding)', async () => {
    const answers = ['127.0.0.1', '169.254.169.254'];
    const resolve: ResolveHost = () =>
      Promise.resolve([{ address: answers.shift() ?? '169.254.169.254', family: 4 }]);
    const url = `http://hooks.chocon.test:${receiver.port}/hooks/livecue`;
    const error = await failureOf(deliverWebhook({ url, secret }, anEvent(), { ...deps, resolve }));
    expect(answers).toEqual([]);
    expect(error).toMatchObject({ kind: 'refused', retryable: false });
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers to a host name through the system resolver', async () => {
    const result = await deliverWebhook(
      { url: `http://localhost:${receiver.port}/hooks/livecue`, secret },
      anEvent(),
      deps,
    );
    expect(result.status).toBe(204);
    expect(receiver.requests).toHaveLength(1);
  });
});
