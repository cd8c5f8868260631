import { PassThrough } from 'node:stream';
import { DateTime } from 'luxon';
import winston from 'winston';
import type { SinkMail } from '../../../src/sandbox/mail-sink';
import type { ZaloMessage } from '../../../src/sandbox/state';
import { createLogger } from '../../../src/shared/logger';
import { createRedactor } from '../../../src/shared/redact';
import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';

const ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Reminders reaching people over a real SMTP conversation (the sandbox's sink) and the Zalo
 * sandbox: the host on both channels with the stream key only in its cue, a vendor off Zalo
 * falling back to email, subscribers confirmed (reminded), unconfirmed (never messaged) and
 * unsubscribed between two reminders (not reminded again), rate limits.
 */
describe('reminders that reach people', () => {
  let app: TestApp;
  const logLines: string[] = [];

  const mail = async (): Promise<SinkMail[]> => (await (await fetch(`${app.sandboxUrl}/__sandbox/mail`)).json()) as SinkMail[];
  const zalo = async (): Promise<ZaloMessage[]> => ((await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json()) as { zalo: { messages: ZaloMessage[] } }).zalo.messages;
  const mailTo = async (to: string): Promise<SinkMail[]> => (await mail()).filter((m) => m.to.includes(to));
  const tokenIn = (m: SinkMail | undefined): string => /token=([A-Za-z0-9_-]+)/.exec(m?.text ?? '')?.[1] ?? '';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
    const logger = createLogger({ level: 'debug', json: true, redactor: createRedactor(), transports: [new winston.transports.Stream({ stream })] });
    app = await startTestApp({ LOG_LEVEL: 'debug' }, 'all', { logger });
    await registerAccounts(app);
    const today = DateTime.now().setZone(ZONE);
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: 'cho-con-nhac', name: 'Chợ Livestream', startsOn: today.minus({ days: 1 }).toISODate(), endsOn: today.plus({ days: 2 }).toISODate(), stages: [{ id: 'main', name: 'Sân khấu chính' }] } });
    expect(campaign.status).toBe(201);
    const catalog = await app.call('PUT', '/v1/campaigns/cho-con-nhac/catalog', { role: 'organizer', body: { vendors: [{ id: 'ba-lien', name: 'Bà Liên', stall: 'A12', phone: '0905 123 000', email: 'balien@cho.vn' }], products: [{ id: 'mam-nem', vendorId: 'ba-lien', name: 'Mắm nêm', price: 45000 }] } });
    expect(catalog.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  it('refuses an invalid phone or email with validation_failed', async () => {
    const res = await app.call('POST', '/v1/sessions/preview', { body: { title: 'x', startsAt: DateTime.now().plus({ days: 1 }).toISO(), durationMinutes: 30, targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }], host: { name: 'H', phone: '12345', email: 'not-an-email' }, notify: [{ type: 'zalo', phone: 'abc' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['host.email', 'host.phone', 'notify.0.phone']);
  });

  it('reminds host, vendor and confirmed subscribers; never the unconfirmed or the unsubscribed', async () => {
    const startsAt = DateTime.now().plus({ seconds: 45 });
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: {
      title: 'Đặc sản Chợ Cồn', startsAt: startsAt.toISO(), durationMinutes: 30, campaignId: 'cho-con-nhac', stageId: 'main', vendorIds: ['ba-lien'],
      targets: [{ platform: 'youtube', accountId: 'yt-sct' }], host: { name: 'Chị Hoa', phone: '0905 123 456', email: 'hoa@cho.vn' },
      reminderOffsets: ['PT35S', 'PT15S'], announceOffsets: [],
    } });
    expect(created.status).toBe(201);
    const sessionId: string = created.body.id;
    const ask = (body: Record<string, unknown>) => app.call('POST', '/v1/public/campaigns/cho-con-nhac/subscriptions', { role: null, body: { sessionId, consent: true, ...body } });
    for (const body of [{ email: 'an@khach.vn' }, { email: 'binh@khach.vn' }, { phone: '0912 345 678', locale: 'en' }]) {
      const res = await ask(body);
      expect([res.status, res.body]).toEqual([202, { status: 'pending_confirmation' }]);
    }
    expect((await ask({ email: 'an@khach.vn' })).body).toEqual({ status: 'pending_confirmation' });
    const anConfirm = await waitFor('an confirmation mail', async () => (await mailTo('an@khach.vn'))[0]);
    expect((await app.call('POST', '/v1/public/subscriptions/confirm', { role: null, body: { token: tokenIn(anConfirm) } })).body).toEqual({ status: 'confirmed' });
    expect((await app.call('POST', '/v1/public/subscriptions/confirm', { role: null, body: { token: tokenIn(anConfirm) } })).body.error.code).toBe('invalid_token');
    const zaloConfirm = await waitFor('zalo confirmation', async () => (await zalo()).find((m) => m.phone === '84912345678'));
    const zaloToken = /token=([A-Za-z0-9_-]+)/.exec(String(zaloConfirm.templateData.link))?.[1] ?? '';
    expect((await app.call('POST', '/v1/public/subscriptions/confirm', { role: null, body: { token: zaloToken } })).status).toBe(200);
    expect((await app.call('GET', '/v1/campaigns/cho-con-nhac/subscribers', { role: 'organizer' })).body.sessions[sessionId]).toEqual({ confirmed: 2, pending: 1 });

    // First reminder (T-35s): host on Zalo and email, the vendor by email (no Zalo), both confirmed subscribers.
    const hostMail = await waitFor('host reminder mail', async () => (await mailTo('hoa@cho.vn'))[0]);
    expect(hostMail.attachments.map((a) => a.filename)).toEqual(['session.ics']);
    expect(hostMail.text).toContain('Đặc sản Chợ Cồn');
    await waitFor('vendor fallback mail', async () => (await mailTo('balien@cho.vn'))[0]);
    const anReminder = await waitFor('subscriber reminder', async () => (await mailTo('an@khach.vn')).find((m) => m.subject.startsWith('Nhắc lịch')));
    expect(anReminder.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(anReminder.text).toContain('Mắm nêm');
    await waitFor('zalo reminders', async () => (await zalo()).filter((m) => m.templateId === '100001').length >= 2);
    const zaloUnsub = (await zalo()).find((m) => m.phone === '84912345678' && m.templateId === '100001');
    const unsubToken = /token=([A-Za-z0-9_-]+)/.exec(String(zaloUnsub?.templateData.unsubscribe))?.[1] ?? '';
    // RFC 8058 one-click: a form POST with List-Unsubscribe=One-Click.
    const oneClick = await fetch(`${app.url}/v1/public/unsubscribe?token=${unsubToken}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);

    const deliveries = await waitFor('second reminder delivered', async () => {
      const res = await app.call('GET', `/v1/sessions/${sessionId}/deliveries`, { role: 'organizer' });
      const second = (res.body.items as { offset: string; state: string }[]).filter((d) => d.offset === 'PT15S');
      return second.length > 0 && second.every((d) => d.state !== 'pending') ? (res.body.items as Record<string, string>[]) : undefined;
    }, 40_000);
    const vendorZalo = deliveries.find((d) => d.role === 'vendor' && d.channel === 'zalo');
    expect(vendorZalo?.recipient).toBe('849******00');
    expect(vendorZalo?.lastError).toContain('sent by email instead');
    expect(deliveries.find((d) => d.role === 'host' && d.channel === 'email')?.recipient).toBe('h***@cho.vn');
    const secondToUnsubscribed = deliveries.filter((d) => d.offset === 'PT15S' && d.channel === 'zalo' && d.recipient === '849******78');
    expect(secondToUnsubscribed.every((d) => d.state === 'skipped')).toBe(true);
    expect((await zalo()).filter((m) => m.phone === '84912345678' && m.templateId === '100001')).toHaveLength(1);
    expect((await mailTo('binh@khach.vn')).filter((m) => m.subject.startsWith('Nhắc lịch'))).toHaveLength(0);
    expect((await mailTo('an@khach.vn')).filter((m) => m.subject.startsWith('Nhắc lịch'))).toHaveLength(2);

    // The cue at the start: the host's email carries the stream key; nobody else's message, no log line.
    const cue = await waitFor('host cue', async () => (await mailTo('hoa@cho.vn')).find((m) => m.subject.includes('lên sóng')), 40_000);
    const session = (await app.call('GET', `/v1/sessions/${sessionId}`)).body;
    const ingest: string = session.targets[0].ingestUrl;
    const streamKey = ingest.split('/').pop() ?? '';
    expect(streamKey.length).toBeGreaterThan(5);
    expect(cue.text).toContain(streamKey);
    for (const m of await mail()) if (!m.to.includes('hoa@cho.vn')) expect(`${m.text}${m.html}`).not.toContain(streamKey);
    for (const m of await zalo()) if (m.phone !== '84905123456') expect(JSON.stringify(m.templateData)).not.toContain(streamKey);
    expect(logLines.join('').includes(streamKey)).toBe(false);
  }, 120_000);

  it('limits subscription requests per address and per IP (429)', async () => {
    const ask = (email: string) => app.call('POST', '/v1/public/campaigns/cho-con-nhac/subscriptions', { role: null, body: { vendorId: 'ba-lien', email, consent: true } });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await ask('lap@khach.vn')).status);
    expect(answers).toEqual([202, 202, 202, 429]);
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i += 1) last = (await ask(`ip${String(i)}@khach.vn`)).status;
    expect(last).toBe(429);
  });

  it('serves the public page with a Remind me form per session and vendor', async () => {
    const res = await fetch(`${app.url}/c/cho-con-nhac?lang=en`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Remind me');
    expect(html).toContain('Bà Liên');
    expect(await (await fetch(`${app.url}/c/cho-con-nhac`)).text()).toContain('Nhắc tôi');
  });
});
