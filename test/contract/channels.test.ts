import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ChannelError } from '../../src/channels/channel-error';
import type { OutgoingMessage } from '../../src/channels/channel';
import { createEmailChannel } from '../../src/channels/email/create-email-channel';
import { createZaloChannel } from '../../src/channels/zalo/create-zalo-channel';
import { createZaloTokenStore } from '../../src/channels/zalo/zalo-token-store';
import type { ZaloTokenStore } from '../../src/channels/zalo/zalo-token-store';
import { SANDBOX_ZALO } from '../../src/sandbox/zalo/zalo-defaults';
import type { Sandbox } from '../../src/sandbox/server';
import { createSystemClock } from '../../src/shared/clock';
import { createCipher } from '../../src/store/crypto';
import { createKeys } from '../../src/store/keys';
import type { RedisClient } from '../../src/store/redis';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../support/app';
import { startTestSandbox } from '../support/sandbox';

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  subject: 'Nhắc lịch: Đặc sản Chợ Cồn',
  text: 'Còn 1 giờ nữa: Đặc sản Chợ Cồn',
  html: '<p>Còn 1 giờ nữa: <b>Đặc sản Chợ Cồn</b></p>',
  zalo: { template: 'reminder', data: { title: 'Đặc sản Chợ Cồn', time: '19:00 thứ Sáu, 07/06/2024' } },
  trackingId: `trk${randomBytes(6).toString('hex')}`,
  ...over,
});

async function failureOf(run: () => Promise<unknown>): Promise<ChannelError> {
  try {
    await run();
  } catch (err: unknown) {
    return err as ChannelError;
  }
  throw new Error('expected the send to fail');
}

describe('channels against the sandbox (real SMTP, Zalo over HTTP)', () => {
  let sandbox: Sandbox;
  let redis: RedisClient;
  let prefix: string;
  let store: ZaloTokenStore;
  const clock = createSystemClock();
  const invalid: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    redis = new Redis(testRedisUrl());
  });
  beforeEach(() => {
    prefix = uniquePrefix();
    store = createZaloTokenStore(redis, createKeys(prefix), createCipher([randomBytes(32)]));
    sandbox.reset();
    invalid.length = 0;
  });
  afterEach(async () => {
    await flushPrefix(prefix);
  });
  afterAll(async () => {
    redis.disconnect();
    await sandbox.close();
  });

  const zalo = (seed: string | null = `seed-${randomBytes(4).toString('hex')}`) =>
    createZaloChannel({
      settings: { znsUrl: sandbox.baseUrl, oauthUrl: sandbox.baseUrl, appId: SANDBOX_ZALO.appId, appSecret: SANDBOX_ZALO.appSecret, templates: { ...SANDBOX_ZALO.templates }, timeoutMs: 2000 },
      store,
      clock,
      owner: 'test-owner',
      onInvalid: (reason) => {
        invalid.push(reason);
        return Promise.resolve();
      },
      seedRefreshToken: seed,
    });

  it('sends an email with text, HTML, the .ics and the one-click unsubscribe headers over SMTP', async () => {
    const email = createEmailChannel({ smtpUrl: sandbox.mail.smtpUrl, from: 'Chợ Livestream <nhac@cho.vn>', timeoutMs: 2000 });
    try {
      await email.send('an@khach.vn', message({ ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', unsubscribeUrl: 'http://127.0.0.1:1/v1/public/unsubscribe?token=abc' }));
    } finally {
      email.close();
    }
    const [mail] = sandbox.mail.mail;
    expect(mail?.to).toEqual(['an@khach.vn']);
    expect(mail?.subject).toBe('Nhắc lịch: Đặc sản Chợ Cồn');
    expect(mail?.text).toContain('Còn 1 giờ nữa');
    expect(mail?.html).toContain('<b>Đặc sản Chợ Cồn</b>');
    expect(mail?.headers['list-unsubscribe']).toContain('/v1/public/unsubscribe?token=abc');
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['session.ics']);
  });

  it('fails an unreachable mail server as transient', async () => {
    const email = createEmailChannel({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@y.vn', timeoutMs: 1000 });
    const err = await failureOf(() => email.send('an@khach.vn', message()));
    email.close();
    expect(err.kind).toBe('transient');
  });

  it('refreshes the OA token once, stores the rotated refresh token and sends the ZNS template', async () => {
    const channel = zalo('first-refresh');
    await channel.send('84905123456', message());
    await channel.send('84905123457', message());
    const refreshes = sandbox.requests.filter((r) => r.path === '/v4/oa/access_token');
    expect(refreshes).toHaveLength(1);
    const stored = await store.read();
    expect(stored.refreshToken).toMatch(/^zrt-/);
    expect(stored.generation).toBe(1);
    expect(sandbox.state.zalo.messages.map((m) => [m.phone, m.templateId])).toEqual([['84905123456', SANDBOX_ZALO.templates.reminder], ['84905123457', SANDBOX_ZALO.templates.reminder]]);
  });

  it('never saves a refreshed pair over a newer one (compare-and-set on the generation)', async () => {
    await store.connect('r0', 100);
    const { generation } = await store.read();
    expect(await store.save(generation, { accessToken: 'a1', refreshToken: 'r1', expiresAtMs: 1, issuedAtMs: 200 })).toBe(true);
    expect(await store.save(generation, { accessToken: 'a-old', refreshToken: 'r-old', expiresAtMs: 2, issuedAtMs: 300 })).toBe(false);
    expect(await store.save(generation + 1, { accessToken: 'a2', refreshToken: '', expiresAtMs: 3, issuedAtMs: 400 })).toBe(true);
    const now = await store.read();
    // No new refresh token in the last answer: the one issued at 200 stays, with its age.
    expect([now.accessToken, now.refreshToken, now.refreshIssuedAtMs]).toEqual(['a2', 'r1', 200]);
  });

  it('classifies a number without Zalo as a recipient failure (ZNS -118)', async () => {
    const err = await failureOf(() => zalo().send('84905123000', message()));
    expect([err.kind, err.code]).toEqual(['recipient', '-118']);
  });

  it('classifies a rejected template as a template failure (ZNS -109)', async () => {
    sandbox.faults.add({ platform: 'zalo', match: '/message/template', status: 200, body: { error: -109, message: 'Template ID invalid' }, times: 1 });
    const err = await failureOf(() => zalo().send('84905123456', message()));
    expect([err.kind, err.code]).toEqual(['template', '-109']);
  });

  it('drops an access token Zalo calls invalid (-124) and refreshes it on the next send', async () => {
    const channel = zalo();
    await channel.send('84905123456', message());
    sandbox.faults.add({ platform: 'zalo', match: '/message/template', status: 200, body: { error: -124, message: 'Access token is invalid' }, times: 1 });
    const err = await failureOf(() => channel.send('84905123456', message()));
    expect(err.kind).toBe('transient');
    await channel.send('84905123456', message());
    expect(sandbox.requests.filter((r) => r.path === '/v4/oa/access_token')).toHaveLength(2);
  });

  it('flags the OA and tells ops when Zalo refuses the refresh token', async () => {
    sandbox.faults.add({ platform: 'zalo', match: '/v4/oa/access_token', status: 200, body: { error: -14014, message: 'refresh_token is invalid' }, times: 1 });
    const err = await failureOf(() => zalo().send('84905123456', message()));
    expect(err.kind).toBe('config');
    expect((await store.read()).status).toBe('invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).not.toContain('seed-');
  });

  it('retries a Zalo outage (HTTP 503) as transient', async () => {
    sandbox.faults.add({ platform: 'zalo', match: '/message/template', status: 503, times: 1 });
    const err = await failureOf(() => zalo().send('84905123456', message()));
    expect(err.kind).toBe('transient');
  });
});
