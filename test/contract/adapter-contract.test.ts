import type { AccountContext, LiveSpec, PlatformAdapter } from '../../src/platforms/adapter';
import { sandboxEndpoints } from '../../src/platforms/endpoints';
import type { PlatformEndpoints } from '../../src/platforms/endpoints';
import { createAdapters } from '../../src/platforms/create-adapters';
import { PlatformError } from '../../src/platforms/platform-error';
import type { Platform } from '../../src/domain/platform';
import type { Fault } from '../../src/sandbox/faults';
import type { Sandbox } from '../../src/sandbox/server';
import { createSystemClock } from '../../src/shared/clock';
import { createTestLogger } from '../support/logger';
import { startTestSandbox } from '../support/sandbox';

/**
 * One contract, every adapter: the same cases run against each platform that has the capability,
 * through the sandbox over HTTP — and against the real platform when its credentials are in the
 * environment (read-only cases only).
 */
const clock = createSystemClock();
let sandbox: Sandbox;
let seq = 0;
const uid = (): string => `${String(Date.now())}-${String(++seq)}`;

interface Target {
  platform: Platform;
  adapter: (timeoutMs?: number) => PlatformAdapter;
  account: () => AccountContext;
  /** A call every fault case goes through, and the sandbox path it hits. */
  probe: (adapter: PlatformAdapter, account: AccountContext) => Promise<unknown>;
  probePath: string;
  authFault: Omit<Fault, 'platform' | 'times'>;
  rateFault: Omit<Fault, 'platform' | 'times'>;
}

const account = (id: string, name: string, externalId: string, refresh: boolean): AccountContext => ({
  accountId: id,
  name,
  externalId,
  credentials: { accessToken: `${id}-${uid()}`, ...(refresh ? { refreshToken: `${id}-r-${uid()}`, expiresAt: new Date(clock.now() + 3_600_000).toISOString() } : {}) },
  saveCredentials: () => Promise.resolve(),
});
const adapterFor = (platform: Platform, endpoints: () => PlatformEndpoints) => (timeoutMs = 5000) =>
  createAdapters(endpoints(), { clock, logger: createTestLogger(), timeoutMs })[platform];
const sandboxUrl = (): PlatformEndpoints => sandboxEndpoints(sandbox.baseUrl);
const tiktokError = (code: string) => ({ data: {}, error: { code, message: 'x', log_id: 'l' } });
const googleError = (code: number, reason: string, domain: string) => ({ error: { code, message: 'x', errors: [{ reason, domain, message: 'x' }] } });

const targets: Target[] = [
  {
    platform: 'facebook',
    adapter: adapterFor('facebook', sandboxUrl),
    account: () => account('ct-fb', 'Fanpage Chợ Cồn', '104857600777', false),
    probe: (a, acc) => a.findPost(acc, '[lc:none]'),
    probePath: '/v23.0/104857600777/feed',
    authFault: { status: 400, body: { error: { code: 190, error_subcode: 460, type: 'OAuthException', message: 'x', fbtrace_id: 'A' } } },
    rateFault: { status: 400, body: { error: { code: 32, type: 'OAuthException', message: 'x', fbtrace_id: 'A' } } },
  },
  {
    platform: 'tiktok',
    adapter: adapterFor('tiktok', sandboxUrl),
    account: () => account('ct-tt', 'TikTok Chợ Cồn', 'tt-ct', false),
    probe: (a, acc) => a.findPost(acc, '[lc:none]'),
    probePath: '/v2/video/list/',
    authFault: { status: 401, body: tiktokError('access_token_invalid') },
    rateFault: { status: 429, headers: { 'Retry-After': '7' }, body: tiktokError('rate_limit_exceeded') },
  },
  {
    platform: 'youtube',
    adapter: adapterFor('youtube', sandboxUrl),
    account: () => account('ct-yt', 'YouTube Chợ Cồn', 'UCct', true),
    probe: (a, acc) => a.findLive(acc, '[lc:none]'),
    probePath: '/youtube/v3/liveBroadcasts',
    authFault: { status: 401, body: googleError(401, 'authError', 'global') },
    rateFault: { status: 403, body: googleError(403, 'rateLimitExceeded', 'usageLimits') },
  },
];

async function failureOf(promise: Promise<unknown>): Promise<PlatformError> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(err)}`);
  return err;
}
const liveSpec = (): LiveSpec => {
  const marker = `[lc:${uid()}]`;
  const startsAt = new Date(clock.now() + 2 * 86_400_000).toISOString();
  return { title: 'Phiên live Chợ Cồn', description: `Xả kho ${marker}`, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), marker };
};
// Capabilities, known before the sandbox runs: facebook and tiktok post, facebook and youtube schedule lives.
const posting = targets.filter((t) => t.platform !== 'youtube');
const living = targets.filter((t) => t.platform !== 'tiktok');
const row = (t: Target): [Platform, Target] => [t.platform, t];

beforeAll(async () => {
  sandbox = await startTestSandbox({ tiktokPublishMs: 0 });
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await sandbox.close();
});

describe('every adapter against the sandbox', () => {
  test.each(posting.map(row))('%s: publishPost, then findPost by the marker finds it', async (_p, t) => {
    const adapter = t.adapter();
    const acc = t.account();
    const marker = `[lc:${uid()}]`;
    expect(adapter.canPost).toBe(true);
    const posted = await adapter.publishPost(acc, { text: `Live tối nay 20h ${marker}`, title: 'Live tối nay', marker, imageUrls: [`${sandbox.baseUrl}/__sandbox/promo.jpg`] });
    expect(posted.postId).toEqual(expect.any(String));
    const found = await adapter.findPost(acc, marker);
    expect(found?.postId).toEqual(expect.any(String));
    await expect(adapter.findPost(acc, `[lc:other-${uid()}]`)).resolves.toBeNull();
  });

  test.each(living.map(row))('%s: createLive, then findLive by the marker finds the same live', async (_p, t) => {
    const adapter = t.adapter();
    const acc = t.account();
    expect(adapter.canScheduleLive).toBe(true);
    const spec = liveSpec();
    const live = await adapter.createLive(acc, spec);
    expect(live.ingestUrl).toMatch(/^rtmps?:\/\//);
    await expect(adapter.findLive(acc, spec.marker)).resolves.toMatchObject({ liveId: live.liveId });
  });

  test.each(targets.map(row))('%s: an auth error is kind auth, not retryable, flags the account', async (_p, t) => {
    sandbox.faults.add({ platform: t.platform, match: t.probePath, times: 2, ...t.authFault });
    const err = await failureOf(t.probe(t.adapter(), t.account()));
    expect({ kind: err.kind, retryable: err.retryable, flagsAccount: err.flagsAccount }).toEqual({ kind: 'auth', retryable: false, flagsAccount: true });
    expect(err.message).toContain(t.account().name);
  });

  test.each(targets.map(row))('%s: a rate limit is rate_limited with retryAfterMs', async (_p, t) => {
    sandbox.faults.add({ platform: t.platform, match: t.probePath, times: 1, ...t.rateFault });
    const err = await failureOf(t.probe(t.adapter(), t.account()));
    expect(err.kind).toBe('rate_limited');
    expect(err.retryable).toBe(true);
    expect(err.retryAfterMs).toBeGreaterThan(0);
  });

  test.each(targets.map(row))('%s: a 5xx is unavailable and retryable', async (_p, t) => {
    sandbox.faults.add({ platform: t.platform, match: t.probePath, times: 1, status: 503, body: '<html>Service Unavailable</html>' });
    const err = await failureOf(t.probe(t.adapter(), t.account()));
    expect({ kind: err.kind, retryable: err.retryable }).toEqual({ kind: 'unavailable', retryable: true });
  });

  test.each(targets.map(row))('%s: no answer within the timeout is timeout', async (_p, t) => {
    sandbox.faults.add({ platform: t.platform, match: t.probePath, times: 1, delayMs: 1500 });
    const err = await failureOf(t.probe(t.adapter(300), t.account()));
    expect({ kind: err.kind, retryable: err.retryable }).toEqual({ kind: 'timeout', retryable: true });
  });

  test.each(targets.map(row))('%s: checkAccount says a working login is valid', async (_p, t) => {
    const adapter = t.adapter();
    expect(typeof adapter.checkAccount).toBe('function');
    await expect(adapter.checkAccount?.(t.account())).resolves.toMatchObject({ state: 'valid', reason: null });
  });
});

/** Real platforms, read-only cases, when credentials are given (e.g. LIVECUE_LIVE_FACEBOOK_TOKEN + _PAGE). */
const realFacebook = process.env.LIVECUE_LIVE_FACEBOOK_TOKEN && process.env.LIVECUE_LIVE_FACEBOOK_PAGE
  ? [{ token: process.env.LIVECUE_LIVE_FACEBOOK_TOKEN, page: process.env.LIVECUE_LIVE_FACEBOOK_PAGE }]
  : [];
describe('the real platforms (only with credentials in the environment)', () => {
  if (realFacebook.length === 0) {
    test('were not asked for: LIVECUE_LIVE_FACEBOOK_TOKEN / LIVECUE_LIVE_FACEBOOK_PAGE are not set', () => {
      expect(realFacebook).toEqual([]);
    });
  }
  for (const { token, page } of realFacebook) {
  test('facebook: the page token is valid and an unknown marker finds nothing', async () => {
    const real: PlatformEndpoints['facebook'] = {
      graphBaseUrl: 'https://graph.facebook.com',
      graphVersion: 'v23.0',
      oauthUrl: 'https://www.facebook.com',
      ...(process.env.FACEBOOK_APP_ID ? { appId: process.env.FACEBOOK_APP_ID } : {}),
      ...(process.env.FACEBOOK_APP_SECRET ? { appSecret: process.env.FACEBOOK_APP_SECRET } : {}),
    };
    const adapter = createAdapters({ ...sandboxEndpoints('http://127.0.0.1:1'), facebook: real }, { clock, logger: createTestLogger(), timeoutMs: 15_000 }).facebook;
    const acc: AccountContext = { accountId: 'live-fb', name: 'Live Facebook page', externalId: page, credentials: { accessToken: token }, saveCredentials: () => Promise.resolve() };
    await expect(adapter.checkAccount?.(acc)).resolves.toMatchObject({ state: 'valid' });
    await expect(adapter.findPost(acc, `[lc:never-${uid()}]`)).resolves.toBeNull();
  });
  }
});
