import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import winston from 'winston';
import type { Credentials } from '../../src/domain/account';
import type { AccountContext, PlatformAdapter, PostContent, PostStatus } from '../../src/platforms/adapter';
import { sandboxEndpoints } from '../../src/platforms/endpoints';
import type { AdapterDeps } from '../../src/platforms/endpoints';
import { PlatformError } from '../../src/platforms/platform-error';
import { classifyTiktokFailReason, createTiktokAdapter } from '../../src/platforms/tiktok';
import type { Sandbox } from '../../src/sandbox/server';
import { createSystemClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { createTestLogger } from '../support/logger';
import { startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
const clock = createSystemClock();

beforeAll(async () => {
  sandbox = await startTestSandbox({ tiktokPublishMs: 200 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

function anAdapter(overrides: Partial<AdapterDeps> = {}, baseUrl = sandbox.baseUrl): PlatformAdapter {
  return createTiktokAdapter(sandboxEndpoints(baseUrl).tiktok, { clock, logger: createTestLogger(), timeoutMs: 5000, ...overrides });
}

interface TestAccount extends AccountContext {
  saved: Credentials[];
}

function anAccount(credentials: Partial<Credentials> = {}, accountId = `acc_${randomUUID()}`): TestAccount {
  const saved: Credentials[] = [];
  return {
    accountId,
    externalId: 'open-id',
    name: 'Saigon Night Live',
    credentials: { accessToken: `tt-access-${randomUUID()}`, ...credentials },
    saved,
    saveCredentials: (next) => {
      saved.push(next);
      return Promise.resolve();
    },
  };
}

/** A token pair the sandbox issued for one user, so posts stay visible across a refresh. */
function issuePair(subject = `open-${randomUUID()}`): { accessToken: string; refreshToken: string } {
  return {
    accessToken: sandbox.tokens.issue('tiktok', 'access', subject, null).token,
    refreshToken: sandbox.tokens.issue('tiktok', 'refresh', subject, 86_400_000).token,
  };
}

function aPost(overrides: Partial<PostContent> = {}): PostContent {
  const marker = `lc-${randomUUID()}`;
  return {
    title: 'Đêm nhạc acoustic — live tonight at 20:00',
    text: `Đêm nhạc acoustic goes live tonight at 20:00 (Asia/Ho_Chi_Minh). #live #acoustic\n\n${marker}`,
    marker,
    imageUrls: ['https://cdn.example.com/promo-1.jpg', 'https://cdn.example.com/promo-2.jpg'],
    ...overrides,
  };
}

const inFiveMinutes = (): string => new Date(clock.now() + 60_000).toISOString();
const inOneHour = (): string => new Date(clock.now() + 3_600_000).toISOString();
const callsTo = (path: string) => sandbox.requests.filter((r) => r.path === path);

async function pollStatus(adapter: PlatformAdapter, account: AccountContext, postId: string, until: PostStatus['state']): Promise<PostStatus[]> {
  const deadline = clock.now() + 5000;
  const seen: PostStatus[] = [];
  for (;;) {
    const status = await adapter.getPostStatus(account, postId);
    seen.push(status);
    if (status.state === until) return seen;
    if (clock.now() > deadline) throw new Error(`post ${postId} did not reach ${until}: ${JSON.stringify(seen.at(-1))}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function caught(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err: unknown) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

function failWith(match: string, status: number, code: string, headers?: Record<string, string>): void {
  sandbox.faults.add({
    platform: 'tiktok',
    match,
    status,
    body: { data: {}, error: { code, message: 'injected', log_id: 'log-x' } },
    ...(headers ? { headers } : {}),
    times: 1,
  });
}

describe('TikTok posting rules against the sandbox (privacy, disclosure, audit, verified URLs)', () => {
  const settings = async (body: unknown): Promise<void> => {
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  const initBodies = () => callsTo('/v2/post/publish/content/init/').map((r) => (r.body as { post_info: Record<string, unknown> }).post_info);

  it('posts with the organizer\'s privacy level and content disclosure, never switching one on itself', async () => {
    const result = await anAdapter().publishPost(anAccount(), aPost({ tiktok: { audited: true, privacyLevel: 'MUTUAL_FOLLOW_FRIENDS', brandOrganic: true, disableComment: true } }));
    expect(result.details).toMatchObject({ privacyLevel: 'MUTUAL_FOLLOW_FRIENDS' });
    expect(initBodies()).toEqual([expect.objectContaining({ privacy_level: 'MUTUAL_FOLLOW_FRIENDS', brand_organic_toggle: true, brand_content_toggle: false, disable_comment: true })]);
  });

  it('an unaudited app sends SELF_ONLY only, which a private creator accepts', async () => {
    await settings({ tiktok: { audited: false, creatorPrivacy: 'private' } });
    const result = await anAdapter().publishPost(anAccount(), aPost({ tiktok: { audited: false, privacyLevel: 'FOLLOWER_OF_CREATOR' } }));
    expect(result.details).toMatchObject({ privacyLevel: 'SELF_ONLY' });
    expect(initBodies().map((b) => b.privacy_level)).toEqual(['SELF_ONLY']);
    expect(sandbox.state.tiktok.posts[0]?.privacyLevel).toBe('SELF_ONLY');
  });

  it('retries the unaudited refusal once as SELF_ONLY when LiveCue believed the app audited', async () => {
    await settings({ tiktok: { audited: false, creatorPrivacy: 'private' } });
    const result = await anAdapter().publishPost(anAccount(), aPost({ tiktok: { audited: true } }));
    expect(initBodies().map((b) => b.privacy_level)).toEqual(['FOLLOWER_OF_CREATOR', 'SELF_ONLY']);
    expect(result.details).toMatchObject({ privacyLevel: 'SELF_ONLY' });
  });

  it('says to make the account private when even SELF_ONLY is refused (public creator, unaudited app), without flagging the login', async () => {
    await settings({ tiktok: { audited: false } });
    const err = await caught(anAdapter().publishPost(anAccount(), aPost({ tiktok: { audited: true } })));
    expect(initBodies().map((b) => b.privacy_level)).toEqual(['PUBLIC_TO_EVERYONE', 'SELF_ONLY']);
    expect(err).toMatchObject({ kind: 'permission', platformCode: 'unaudited_client_can_only_post_to_private_accounts', flagsAccount: false, retryable: false });
    expect(err.message).toContain('private account');
  });

  it('refuses a privacy level the private creator does not offer, naming the options, before any init', async () => {
    await settings({ tiktok: { creatorPrivacy: 'private' } });
    const err = await caught(anAdapter().publishPost(anAccount(), aPost({ tiktok: { audited: true, privacyLevel: 'PUBLIC_TO_EVERYONE' } })));
    expect(err).toMatchObject({ kind: 'invalid_request', platformCode: 'privacy_level_option_mismatch' });
    expect(err.message).toContain('FOLLOWER_OF_CREATOR, SELF_ONLY');
    expect(initBodies()).toHaveLength(0);
  });

  it('fails with a reason naming the image URL that is not on a verified prefix', async () => {
    await settings({ tiktok: { verifiedUrlPrefixes: ['https://media.chocon.vn/'] } });
    const err = await caught(anAdapter().publishPost(anAccount(), aPost({ imageUrls: ['https://cdn.example.com/promo-1.jpg'] })));
    expect(err).toMatchObject({ kind: 'permission', platformCode: 'url_ownership_unverified', flagsAccount: false });
    expect(err.message).toContain('https://cdn.example.com/promo-1.jpg');
    await expect(anAdapter().publishPost(anAccount(), aPost({ imageUrls: ['https://media.chocon.vn/p/1.jpg'] }))).resolves.toMatchObject({ postId: expect.any(String) });
  });

  it('reads the creator\'s privacy options without posting (readPostingOptions)', async () => {
    await settings({ tiktok: { creatorPrivacy: 'private' } });
    await expect(anAdapter().readPostingOptions?.(anAccount())).resolves.toEqual({ privacyLevelOptions: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'] });
    expect(initBodies()).toHaveLength(0);
  });

  it('restores the lenient defaults on DELETE /__sandbox/settings', async () => {
    await settings({ tiktok: { audited: false, creatorPrivacy: 'private', verifiedUrlPrefixes: [] }, encoderLeadSeconds: 60 });
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'DELETE' })).status).toBe(204);
    const now = (await (await fetch(`${sandbox.baseUrl}/__sandbox/settings`)).json()) as unknown;
    expect(now).toEqual({ tiktok: { audited: true, creatorPrivacy: 'public', verifiedUrlPrefixes: null }, encoderLeadSeconds: 300, youtube: { autoStart: 'at-bind' } });
    const bad = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tiktok: { audit: true } }) });
    expect(bad.status).toBe(400);
  });
});

describe('TikTok adapter against the sandbox: posting', () => {
  it('posts a public photo promo that is processing first and published later', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const content = aPost({ title: 'x'.repeat(120) });

    const result = await adapter.publishPost(account, content);

    expect(result.details).toEqual({ privacyLevel: 'PUBLIC_TO_EVERYONE', status: 'PROCESSING_DOWNLOAD' });
    expect(sandbox.requests.map((r) => r.path)).toEqual(['/v2/post/publish/creator_info/query/', '/v2/post/publish/content/init/']);
    expect(sandbox.requests[1]?.body).toMatchObject({
      media_type: 'PHOTO',
      post_mode: 'DIRECT_POST',
      post_info: { description: content.text, privacy_level: 'PUBLIC_TO_EVERYONE', brand_content_toggle: false, brand_organic_toggle: false, disable_comment: false },
      source_info: { source: 'PULL_FROM_URL', photo_images: content.imageUrls, photo_cover_index: 0 },
    });
    const stored = sandbox.state.tiktok.posts[0];
    expect(stored?.description).toBe(content.text);
    expect(stored?.title.length).toBeLessThanOrEqual(90);

    const statuses = await pollStatus(adapter, account, result.postId, 'published');
    expect(statuses[0]?.state).toBe('processing');
    const published = statuses.at(-1);
    // int64 ids arrive as bare JSON numbers: they must survive exactly.
    expect(published?.publicIds).toEqual(stored?.postIds);
    expect(published?.publicIds?.[0]).toMatch(/^\d{19}$/);
  });

  it('finds a published post by its marker and nothing for another marker', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const content = aPost();
    const { postId } = await adapter.publishPost(account, content);
    const [publicId] = (await pollStatus(adapter, account, postId, 'published')).at(-1)?.publicIds ?? [];

    const found = await adapter.findPost(account, content.marker);

    expect(found).toEqual({ postId: publicId, details: expect.objectContaining({ status: 'PUBLISH_COMPLETE' }) });
    expect(callsTo('/v2/video/list/')[0]?.query).toEqual({ fields: 'id,title,video_description' });
    await expect(adapter.findPost(account, 'lc-not-posted')).resolves.toBeNull();
  });

  it('refuses to guess when the login cannot list posts (video.list scope missing)', async () => {
    failWith('/v2/video/list/', 401, 'scope_not_authorized');
    const err = await caught(anAdapter().findPost(anAccount(), 'lc-any'));
    expect(err).toMatchObject({ kind: 'conflict', platformCode: 'scope_not_authorized', retryable: false });
    expect(err.message).toContain('cannot be verified');
  });

  it('refuses a promo without an image before calling TikTok', async () => {
    const err = await caught(anAdapter().publishPost(anAccount(), aPost({ imageUrls: [] })));
    expect(err).toMatchObject({ kind: 'invalid_request', retryable: false });
    expect(err.message).toContain('a TikTok promo needs an image');
    expect(sandbox.requests).toHaveLength(0);
  });

  it('is rate limited after 6 inits in a minute for one token', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    for (let i = 0; i < 6; i += 1) await adapter.publishPost(account, aPost());

    const err = await caught(adapter.publishPost(account, aPost()));

    expect(err).toMatchObject({ kind: 'rate_limited', platformCode: 'rate_limit_exceeded', httpStatus: 429, retryable: true });
    expect(err.retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it('uses Retry-After when TikTok sends one', async () => {
    failWith('/v2/post/publish/content/init/', 429, 'rate_limit_exceeded', { 'Retry-After': '120' });
    const err = await caught(anAdapter().publishPost(anAccount(), aPost()));
    expect(err.retryAfterMs).toBe(120_000);
  });

  it('reports a FAILED publish with its fail_reason', async () => {
    const adapter = anAdapter();
    const account = anAccount();
    const { postId } = await adapter.publishPost(account, aPost());
    sandbox.faults.add({
      platform: 'tiktok',
      match: '/v2/post/publish/status/fetch/',
      status: 200,
      body: { data: { status: 'FAILED', fail_reason: 'photo_pull_failed', publicaly_available_post_id: [] }, error: { code: 'ok', message: '', log_id: 'l' } },
      times: 1,
    });

    const status = await adapter.getPostStatus(account, postId);

    expect(status).toEqual({ state: 'failed', failReason: 'photo_pull_failed' });
    const err = classifyTiktokFailReason('photo_pull_failed', { accountName: account.name, operation: 'getPostStatus', nowMs: clock.now() });
    expect(err).toMatchObject({ kind: 'unavailable', retryable: true, platformCode: 'photo_pull_failed' });
  });

  it('refuses status of an unknown or foreign publish id', async () => {
    const adapter = anAdapter();
    const { postId } = await adapter.publishPost(anAccount(), aPost());
    await expect(caught(adapter.getPostStatus(anAccount(), 'p_pub_url~v2.404'))).resolves.toMatchObject({
      kind: 'invalid_request',
      platformCode: 'invalid_publish_id',
    });
    const stranger = sandbox.tokens.issue('tiktok', 'access', 'another-creator', null);
    await expect(caught(adapter.getPostStatus(anAccount({ accessToken: stranger.token }), postId))).resolves.toMatchObject({
      kind: 'invalid_request',
      platformCode: 'token_not_authorized_for_specified_publish_id',
    });
  });

  it('has no live API and says the host goes live by hand', async () => {
    const adapter = anAdapter();
    expect({ canPost: adapter.canPost, canScheduleLive: adapter.canScheduleLive }).toEqual({ canPost: true, canScheduleLive: false });
    const account = anAccount();
    const spec = { title: 't', description: 'd', startsAt: '2030-01-01T12:00:00Z', endsAt: '2030-01-01T13:00:00Z', marker: 'm' };
    const live = { liveId: 'x' };
    const calls = [
      adapter.createLive(account, spec),
      adapter.findLive(account, 'm'),
      adapter.updateLive(account, live, spec),
      adapter.goLive(account, live),
      adapter.endLive(account, live),
      adapter.deleteLive(account, live),
    ];
    for (const call of calls) {
      const err = await caught(call);
      expect(err.kind).toBe('invalid_request');
      expect(err.message).toContain('goes live by hand');
    }
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('TikTok adapter against the sandbox: error table', () => {
  const rows: [code: string, status: number, kind: PlatformError['kind'], flagsAccount: boolean][] = [
    ['invalid_param', 400, 'invalid_request', false],
    ['invalid_params', 400, 'invalid_request', false],
    ['app_version_check_failed', 400, 'invalid_request', false],
    ['spam_risk_too_many_posts', 403, 'quota_exhausted', false],
    ['spam_risk_too_many_pending_share', 403, 'rate_limited', false],
    ['spam_risk_user_banned_from_posting', 403, 'policy', false],
    ['reached_active_user_cap', 403, 'quota_exhausted', false],
    ['url_ownership_unverified', 403, 'permission', false],
    ['privacy_level_option_mismatch', 403, 'invalid_request', false],
    ['access_token_invalid', 401, 'auth', true],
    ['scope_not_authorized', 401, 'permission', true],
    ['scope_permission_missed', 401, 'permission', true],
    ['rate_limit_exceeded', 429, 'rate_limited', false],
    ['invalid_publish_id', 400, 'invalid_request', false],
    ['token_not_authorized_for_specified_publish_id', 400, 'invalid_request', false],
    ['publish_not_cancellable', 400, 'invalid_request', false],
    ['internal_error', 500, 'unavailable', false],
    ['spam_risk_too_many_posts', 200, 'quota_exhausted', false],
    ['internal_error', 200, 'unavailable', false],
  ];

  it.each(rows)('maps %s (HTTP %i) on content/init to %s', async (code, status, kind, flagsAccount) => {
    failWith('/v2/post/publish/content/init/', status, code);
    const err = await caught(anAdapter().publishPost(anAccount(), aPost()));
    expect(err).toMatchObject({ kind, platformCode: code, httpStatus: status, flagsAccount, operation: 'publishPost' });
    expect(err.message).toContain("'Saigon Night Live'");
    if (kind === 'rate_limited' || kind === 'quota_exhausted') expect(err.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    if (kind === 'quota_exhausted') expect(err.retryAfterMs).toBeLessThanOrEqual(86_400_000);
  });

  it('treats a cap reported by creator_info with HTTP 200 as a failure', async () => {
    failWith('/v2/post/publish/creator_info/query/', 200, 'spam_risk_user_banned_from_posting');
    const err = await caught(anAdapter().publishPost(anAccount(), aPost()));
    expect(err).toMatchObject({ kind: 'policy', httpStatus: 200, retryable: false });
    expect(callsTo('/v2/post/publish/content/init/')).toHaveLength(0);
  });

  it('maps a 5xx without a TikTok body to unavailable', async () => {
    sandbox.faults.add({ platform: 'tiktok', match: '/v2/post/publish/status/fetch/', status: 502, body: '<html>Bad gateway</html>', times: 1 });
    await expect(caught(anAdapter().getPostStatus(anAccount(), 'p_pub_url~v2.1'))).resolves.toMatchObject({ kind: 'unavailable', httpStatus: 502 });
  });

  it('maps an unreachable TikTok to unavailable and a slow one to timeout', async () => {
    const closed = await startTestSandbox();
    const closedUrl = closed.baseUrl;
    await closed.close();
    await expect(caught(anAdapter({}, closedUrl).getPostStatus(anAccount(), 'p'))).resolves.toMatchObject({ kind: 'unavailable', retryable: true });

    sandbox.faults.add({ platform: 'tiktok', match: '/v2/post/publish/status/fetch/', delayMs: 1000, times: 1 });
    const account = anAccount();
    const err = await caught(anAdapter({ timeoutMs: 100 }).getPostStatus(account, 'p'));
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
    expect(inspect(err, { depth: 10 })).not.toContain(account.credentials.accessToken);
  });
});

describe('TikTok adapter against the sandbox: tokens', () => {
  const tokenPath = '/v2/oauth/token/';

  async function postTokenForm(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${sandbox.baseUrl}${tokenPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('refreshes a token expiring soon, saves the rotated pair first, and the old refresh token dies', async () => {
    const pair = issuePair();
    const account = anAccount({ ...pair, expiresAt: inFiveMinutes() });
    const requestsAtSave: string[][] = [];
    account.saveCredentials = (next) => {
      account.saved.push(next);
      requestsAtSave.push(sandbox.requests.map((r) => r.path));
      return Promise.resolve();
    };

    await anAdapter().publishPost(account, aPost());

    expect(account.saved).toHaveLength(1);
    const saved = account.saved[0]!;
    expect(saved.accessToken).not.toBe(pair.accessToken);
    expect(saved.refreshToken).toEqual(expect.any(String));
    expect(saved.refreshToken).not.toBe(pair.refreshToken);
    expect(Date.parse(saved.expiresAt!) - clock.now()).toBeGreaterThan(7_100_000);
    expect(Date.parse(saved.refreshExpiresAt!) - clock.now()).toBeGreaterThan(15_000_000_000);
    expect(requestsAtSave[0]).toEqual([tokenPath]);
    expect(callsTo(tokenPath)[0]?.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: pair.refreshToken, client_key: 'sandbox-client-key' });

    const reuse = await postTokenForm({ client_key: 'k', client_secret: 's', grant_type: 'refresh_token', refresh_token: pair.refreshToken });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refreshes once and retries once when TikTok rejects the access token', async () => {
    const adapter = anAdapter();
    const pair = issuePair();
    const account = anAccount({ ...pair, expiresAt: inOneHour() });
    const { postId } = await adapter.publishPost(account, aPost());
    sandbox.tokens.setState(pair.accessToken, 'revoked');

    const status = await adapter.getPostStatus(account, postId);

    expect(status.state).toMatch(/processing|published/);
    expect(callsTo(tokenPath)).toHaveLength(1);
    expect(callsTo('/v2/post/publish/status/fetch/')).toHaveLength(2);
    expect(account.saved).toHaveLength(1);
  });

  it('gives up with auth when the retried call is rejected again', async () => {
    failWith('/v2/post/publish/status/fetch/', 401, 'access_token_invalid');
    failWith('/v2/post/publish/status/fetch/', 401, 'access_token_invalid');
    const account = anAccount({ ...issuePair(), expiresAt: inOneHour() });
    const err = await caught(anAdapter().getPostStatus(account, 'p'));
    expect(err).toMatchObject({ kind: 'auth', flagsAccount: true });
    expect(callsTo(tokenPath)).toHaveLength(1);
  });

  it('is auth without a refresh token to try', async () => {
    const account = anAccount();
    sandbox.tokens.check('tiktok', account.credentials.accessToken);
    sandbox.tokens.setState(account.credentials.accessToken, 'expired');
    const err = await caught(anAdapter().getPostStatus(account, 'p'));
    expect(err).toMatchObject({ kind: 'auth', platformCode: 'access_token_invalid' });
    expect(callsTo(tokenPath)).toHaveLength(0);
  });

  it('asks to reconnect when the refresh token was already rotated (invalid_grant)', async () => {
    const pair = issuePair();
    sandbox.tokens.setState(pair.refreshToken, 'rotated');
    const account = anAccount({ ...pair, expiresAt: inFiveMinutes() });
    const err = await caught(anAdapter().publishPost(account, aPost()));
    expect(err).toMatchObject({ kind: 'auth', platformCode: 'invalid_grant', httpStatus: 400, flagsAccount: true, retryable: false });
    expect(err.message).toContain("the TikTok login of 'Saigon Night Live' expired or was revoked: reconnect the account");
    expect(account.saved).toHaveLength(0);
  });

  it('reads invalid_grant sent with HTTP 200', async () => {
    sandbox.faults.add({ platform: 'tiktok', match: tokenPath, status: 200, body: { error: 'invalid_grant', error_description: 'gone', log_id: 'l' }, times: 1 });
    const account = anAccount({ ...issuePair(), expiresAt: inFiveMinutes() });
    await expect(caught(anAdapter().getPostStatus(account, 'p'))).resolves.toMatchObject({ kind: 'auth', httpStatus: 200 });
  });

  it('keeps the stored refresh token when a grant comes without one', async () => {
    const pair = issuePair();
    sandbox.faults.add({
      platform: 'tiktok',
      match: tokenPath,
      status: 200,
      body: { access_token: `tt-access-${randomUUID()}`, expires_in: 86_400, open_id: 'o', scope: 'video.publish', refresh_token: '' },
      times: 1,
    });
    const account = anAccount({ ...pair, expiresAt: inFiveMinutes(), refreshExpiresAt: '2031-01-01T00:00:00.000Z' });

    await anAdapter().publishPost(account, aPost());

    expect(account.saved).toEqual([
      { accessToken: expect.any(String), expiresAt: expect.any(String), refreshToken: pair.refreshToken, refreshExpiresAt: '2031-01-01T00:00:00.000Z' },
    ]);
    expect(account.saved.every((c) => typeof c.refreshToken === 'string' && c.refreshToken !== '')).toBe(true);
  });

  // Login Kit's flat token-endpoint errors (https://developers.tiktok.com/doc/oauth-error-handling), then what is not in
  // the table (by HTTP status): [error (null: an HTML page), HTTP status, kind, flagsAccount, retryable].
  const oauthRows: [error: string | null, status: number, kind: PlatformError['kind'], flagsAccount: boolean, retryable: boolean][] = [
    ['invalid_grant', 400, 'auth', true, false],
    ['access_denied', 400, 'auth', true, false],
    ['access_denied', 200, 'auth', true, false],
    ['invalid_scope', 400, 'permission', true, false],
    ['invalid_client', 401, 'invalid_request', false, false],
    ['unauthorized_client', 400, 'invalid_request', false, false],
    ['invalid_request', 400, 'invalid_request', false, false],
    ['unsupported_grant_type', 400, 'invalid_request', false, false],
    ['unsupported_response_type', 400, 'invalid_request', false, false],
    ['temporarily_unavailable', 503, 'unavailable', false, true],
    [null, 502, 'unavailable', false, true],
  ];

  it.each(oauthRows)('maps a refresh answered %p (HTTP %i) to %s and keeps the stored login as it was', async (error, status, kind, flagsAccount, retryable) => {
    sandbox.faults.add({ platform: 'tiktok', match: tokenPath, status, body: error === null ? '<html>Bad gateway</html>' : { error, error_description: 'injected', log_id: 'log-x' }, times: 1 });
    const adapter = anAdapter();
    const pair = issuePair();
    const account = anAccount({ ...pair, expiresAt: inFiveMinutes() });
    const err = await caught(adapter.publishPost(account, aPost()));
    expect(err).toMatchObject({ kind, httpStatus: status, flagsAccount, retryable, operation: 'publishPost', platformCode: error ?? undefined });
    expect(err.message).toContain("'Saigon Night Live'");
    expect(account.saved).toEqual([]);
    expect(callsTo('/v2/post/publish/content/init/')).toHaveLength(0);
    if (!retryable) return;
    // The next attempt refreshes with the same stored refresh token and saves the rotated pair.
    await adapter.publishPost(account, aPost());
    expect(callsTo(tokenPath).map((r) => (r.body as Record<string, unknown>).refresh_token)).toEqual([pair.refreshToken, pair.refreshToken]);
    expect(account.saved).toHaveLength(1);
    expect(sandbox.tokens.list().find((t) => t.token === account.saved[0]?.refreshToken)).toMatchObject({ kind: 'refresh', issued: true, state: 'active' });
  });

  it('never logs a token, even without the redactor', async () => {
    const lines: string[] = [];
    // winston types its transports as interfaces over TransportStream; this is a real instance.
     
    const silent: winston.transport = new winston.transports.Console({ silent: true });
    const logger = createLogger({ level: 'debug', json: true, redactor: { addSecret: () => undefined, redact: (v) => v }, transports: [silent] });
    logger.on('data', (info: Record<symbol, unknown>) => lines.push(String(info[Symbol.for('message')])));
    const pair = issuePair();
    sandbox.tokens.setState(pair.accessToken, 'revoked');
    const account = anAccount({ ...pair, expiresAt: inOneHour() });

    await anAdapter({ logger }).publishPost(account, aPost());

    const output = lines.join('');
    expect(output).toContain('tiktok token refreshed');
    for (const secret of [pair.accessToken, pair.refreshToken, account.saved[0]!.accessToken, account.saved[0]!.refreshToken!, 'sandbox-client-secret']) {
      expect(output).not.toContain(secret);
    }
  });

  it('refreshes once for concurrent calls and for later calls holding the rotated token', async () => {
    const adapter = anAdapter();
    const pair = issuePair();
    const accountId = `acc_${randomUUID()}`;
    const contexts = [1, 2, 3].map(() => anAccount({ ...pair, expiresAt: inFiveMinutes() }, accountId));

    await Promise.all(contexts.map((account) => adapter.findPost(account, 'lc-none')));
    const stale = anAccount({ ...pair, expiresAt: inFiveMinutes() }, accountId);
    await adapter.findPost(stale, 'lc-none');

    expect(callsTo(tokenPath)).toHaveLength(1);
    expect(contexts.flatMap((c) => c.saved).concat(stale.saved)).toHaveLength(1);
    expect(callsTo('/v2/video/list/')).toHaveLength(4);
  });
});

describe('fake TikTok API', () => {
  async function initPhoto(body: unknown, token = `tt-${randomUUID()}`): Promise<{ status: number; body: { error: { code: string } } }> {
    const res = await fetch(`${sandbox.baseUrl}/v2/post/publish/content/init/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error: { code: string } } };
  }
  const valid = {
    media_type: 'PHOTO',
    post_mode: 'DIRECT_POST',
    post_info: { title: 't', description: 'd', privacy_level: 'PUBLIC_TO_EVERYONE', brand_content_toggle: false },
    source_info: { source: 'PULL_FROM_URL', photo_images: ['https://cdn.example.com/a.jpg'], photo_cover_index: 0 },
  };

  it.each([
    ['brand_content_toggle missing', { ...valid, post_info: { ...valid.post_info, brand_content_toggle: undefined } }, 400, 'invalid_param'],
    ['a 91-unit title', { ...valid, post_info: { ...valid.post_info, title: 'x'.repeat(91) } }, 400, 'invalid_param'],
    ['36 images', { ...valid, source_info: { ...valid.source_info, photo_images: Array(36).fill('https://cdn.example.com/a.jpg') } }, 400, 'invalid_param'],
    ['a VIDEO media type', { ...valid, media_type: 'VIDEO' }, 400, 'invalid_param'],
    ['a privacy level not offered', { ...valid, post_info: { ...valid.post_info, privacy_level: 'FOLLOWER_OF_CREATOR' } }, 403, 'privacy_level_option_mismatch'],
  ])('refuses a photo init with %s', async (_what, body, status, code) => {
    await expect(initPhoto(body)).resolves.toMatchObject({ status, body: { error: { code } } });
  });

  it('wraps successes in the envelope and refuses requests without a token', async () => {
    await expect(initPhoto(valid)).resolves.toMatchObject({ status: 200, body: { data: { publish_id: expect.any(String) }, error: { code: 'ok', log_id: expect.any(String) } } });
    const res = await fetch(`${sandbox.baseUrl}/v2/post/publish/creator_info/query/`, { method: 'POST' });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'access_token_invalid' } });
  });

  it('accepts only form-encoded token requests', async () => {
    const res = await fetch(`${sandbox.baseUrl}/v2/oauth/token/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_key: 'k', client_secret: 's', grant_type: 'refresh_token', refresh_token: 'r' }),
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ error: 'invalid_request' });
  });
});
