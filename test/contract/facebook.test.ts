import axios from 'axios';
import { createServer } from 'node:net';
import Transport from 'winston-transport';
import type { AccountContext, LiveSpec, PlatformAdapter, PostContent } from '../../src/platforms/adapter';
import { sandboxEndpoints } from '../../src/platforms/endpoints';
import { createFacebookAdapter } from '../../src/platforms/facebook';
import { PlatformError } from '../../src/platforms/platform-error';
import type { PlatformErrorKind } from '../../src/platforms/platform-error';
import type { Sandbox } from '../../src/sandbox/server';
import { createManualClock } from '../../src/shared/clock';
import { createLogger } from '../../src/shared/logger';
import { createTestLogger } from '../support/logger';
import { startTestSandbox } from '../support/sandbox';

const page = '104857600123';
const startMs = Date.parse('2026-11-26T07:00:00Z');
const clock = createManualClock(startMs);
let sandbox: Sandbox;
let adapter: PlatformAdapter;
let graph: ReturnType<typeof axios.create>;
let seq = 0;

function anAccount(overrides: Partial<AccountContext> = {}): AccountContext {
  return { accountId: 'acc_fb_chocon', externalId: page, name: 'Fanpage Chợ Cồn', credentials: { accessToken: 'fb-page-token-chocon' }, saveCredentials: () => Promise.resolve(), ...overrides };
}
function aPost(overrides: Partial<PostContent> = {}): PostContent {
  const marker = `[lc:${String(++seq)}]`;
  return { text: `Live bán hàng tối nay 20h #${String(seq)} ${marker}`, title: 'Live tối nay', marker, imageUrls: [], ...overrides };
}
function aLive(overrides: Partial<LiveSpec> = {}): LiveSpec {
  const marker = `[lc:${String(++seq)}]`;
  const startsAt = new Date(clock.now() + 2 * 86_400_000).toISOString();
  const endsAt = new Date(clock.now() + 2 * 86_400_000 + 7_200_000).toISOString();
  return { title: 'Phiên live Chợ Cồn', description: `Xả kho cuối tuần ${marker}`, startsAt, endsAt, marker, ...overrides };
}
async function failureOf(promise: Promise<unknown>): Promise<PlatformError> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(err)}`);
  return err;
}
function buildAdapter(timeoutMs: number, baseUrl = sandbox.baseUrl): PlatformAdapter {
  return createFacebookAdapter(sandboxEndpoints(baseUrl).facebook, { clock, logger: createTestLogger(), timeoutMs });
}

beforeAll(async () => {
  sandbox = await startTestSandbox({}, clock);
  adapter = buildAdapter(5000);
  graph = axios.create({ baseURL: `${sandbox.baseUrl}/v23.0`, validateStatus: () => true });
});
afterEach(() => {
  sandbox.faults.clear();
});
afterAll(async () => {
  await sandbox.close();
});

describe('Facebook adapter: posts', () => {
  test('publishes a text post with its link, reports usage, and finds it again by marker', async () => {
    const content = aPost({ link: 'https://chocon.vn/live' });
    const result = await adapter.publishPost(anAccount(), content);
    expect(result.postId).toMatch(new RegExp(`^${page}_\\d+$`));
    expect(result.url).toBe(`https://www.facebook.com/${result.postId}`);
    expect(result.details?.usagePercent).toEqual(expect.any(Number));
    const stored = sandbox.state.facebook.posts.find((p) => p.id === result.postId);
    expect(stored).toMatchObject({ pageId: page, message: content.text, link: 'https://chocon.vn/live', published: true });
    await expect(adapter.findPost(anAccount(), content.marker)).resolves.toMatchObject({ postId: result.postId });
  });

  test('publishes a photo post with the first image and the text as caption', async () => {
    const content = aPost({ imageUrls: ['https://cdn.chocon.vn/a.jpg', 'https://cdn.chocon.vn/b.jpg'] });
    const result = await adapter.publishPost(anAccount(), content);
    const stored = sandbox.state.facebook.posts.find((p) => p.id === result.postId);
    expect(stored?.message).toBe(content.text);
    expect(stored?.photoIds).toEqual([result.details?.photoId]);
  });

  test('finds no post when none carries the marker', async () => {
    await expect(adapter.findPost(anAccount(), '[lc:never-posted]')).resolves.toBeNull();
  });

  test('reports an existing post as published and a deleted one as not found', async () => {
    const { postId } = await adapter.publishPost(anAccount(), aPost());
    await expect(adapter.getPostStatus(anAccount(), postId)).resolves.toEqual({ state: 'published' });
    expect((await graph.delete(`/${postId}`, { params: { access_token: 'fb-page-token-chocon' } })).data).toEqual({ success: true });
    const err = await failureOf(adapter.getPostStatus(anAccount(), postId));
    expect({ kind: err.kind, platformCode: err.platformCode, retryable: err.retryable }).toEqual({ kind: 'not_found', platformCode: '100/33', retryable: false });
  });

  test('refuses the same text twice in a row on a page as a duplicate (506)', async () => {
    const content = aPost();
    await adapter.publishPost(anAccount(), content);
    const err = await failureOf(adapter.publishPost(anAccount(), content));
    expect({ kind: err.kind, platformCode: err.platformCode, retryable: err.retryable }).toEqual({ kind: 'invalid_request', platformCode: '506', retryable: false });
  });
});

describe('Facebook adapter: lives', () => {
  test('schedules, finds, updates, starts, ends and deletes a page live', async () => {
    const spec = aLive();
    const created = await adapter.createLive(anAccount(), spec);
    expect(created).toMatchObject({ status: 'SCHEDULED_UNPUBLISHED', ingestUrl: expect.stringMatching(/^rtmps:\/\//) });
    const live = () => sandbox.state.facebook.lives.find((l) => l.id === created.liveId);
    expect(live()).toMatchObject({ pageId: page, status: 'SCHEDULED_UNPUBLISHED', plannedStartTime: Date.parse(spec.startsAt) / 1000 });
    expect(live()?.description).toContain(spec.marker);

    await expect(adapter.findLive(anAccount(), spec.marker)).resolves.toMatchObject({ liveId: created.liveId, ingestUrl: created.ingestUrl });
    const later = new Date(Date.parse(spec.startsAt) + 3_600_000).toISOString();
    await adapter.updateLive(anAccount(), { liveId: created.liveId }, { ...spec, title: 'Đổi giờ live', startsAt: later });
    expect(live()).toMatchObject({ title: 'Đổi giờ live', plannedStartTime: Date.parse(later) / 1000 });

    // Days before its start the encoder does not feed it yet: no stream data, no LIVE.
    const early = await failureOf(adapter.goLive(anAccount(), { liveId: created.liveId }));
    expect(early).toMatchObject({ kind: 'unavailable', retryable: true, platformCode: 'noVideo' });
    expect(live()?.status).toBe('SCHEDULED_UNPUBLISHED');
    const forced = await fetch(`${sandbox.baseUrl}/__sandbox/encoder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'facebook', liveId: created.liveId, state: 'on' }) });
    expect(forced.status).toBe(200);
    const started = await adapter.goLive(anAccount(), { liveId: created.liveId });
    expect(started).toMatchObject({ liveId: created.liveId, status: 'LIVE', ingestUrl: created.ingestUrl, url: `https://www.facebook.com/${page}/videos/${created.liveId}/` });
    await adapter.endLive(anAccount(), { liveId: created.liveId });
    expect(live()?.status).toBe('VOD');
    await adapter.deleteLive(anAccount(), { liveId: created.liveId });
    expect(live()?.deleted).toBe(true);
    await expect(adapter.findLive(anAccount(), spec.marker)).resolves.toBeNull();
    await expect(adapter.deleteLive(anAccount(), { liveId: created.liveId })).resolves.toBeUndefined();
  });

  test('expires a scheduled live that never receives stream data', async () => {
    const start = Math.floor(clock.now() / 1000) + 600;
    const token = 'fb-page-token-expiry';
    const created = await graph.post(`/${page}/live_videos`, new URLSearchParams({ access_token: token, status: 'SCHEDULED_UNPUBLISHED', title: 'unfed', event_params: JSON.stringify({ start_time: start }) }));
    const id = (created.data as { id: string }).id;
    await fetch(`${sandbox.baseUrl}/__sandbox/encoder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'facebook', liveId: id, state: 'off' }) });
    clock.advance(601_000);
    expect((await graph.get(`/${id}`, { params: { access_token: token, fields: 'status' } })).data).toMatchObject({ status: 'SCHEDULED_UNPUBLISHED' });
    clock.advance(600_000);
    expect((await graph.get(`/${id}`, { params: { access_token: token, fields: 'status' } })).data).toMatchObject({ status: 'SCHEDULED_EXPIRED' });
  });

  test('falls back to the guide\'s bare-timestamp event_params once on an invalid-parameter answer', async () => {
    sandbox.faults.add({ platform: 'facebook', match: `/v23.0/${page}/live_videos`, method: 'POST', status: 400, body: { error: { code: 100, type: 'OAuthException', message: '(#100) Invalid parameter', fbtrace_id: 'x' } }, times: 1 });
    sandbox.requests.length = 0;
    const err = await failureOf(adapter.createLive(anAccount(), aLive()));
    // The sandbox wants the object: the fallback is refused too, and the first refusal is reported.
    expect(err).toMatchObject({ kind: 'invalid_request', platformCode: '100' });
    expect(err.message).toContain('Invalid parameter');
    const sent = sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/live_videos')).map((r) => (r.body as { event_params?: string }).event_params);
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[0] ?? 'null')).toEqual({ start_time: expect.any(Number) });
    expect(sent[1]).toMatch(/^\d+$/);
  });

  test('refuses to schedule a live more than 7 days ahead', async () => {
    const startsAt = new Date(clock.now() + 8 * 86_400_000).toISOString();
    const err = await failureOf(adapter.createLive(anAccount(), aLive({ startsAt })));
    expect({ kind: err.kind, platformCode: err.platformCode, retryable: err.retryable }).toEqual({ kind: 'invalid_request', platformCode: '100', retryable: false });
  });

  test('treats deleting a live that never existed as done', async () => {
    await expect(adapter.deleteLive(anAccount(), { liveId: '999000111' })).resolves.toBeUndefined();
  });
});

// https://developers.facebook.com/docs/graph-api/guides/error-handling through sandbox faults: [code, subcode, HTTP status, kind, retryAfterMs].
const errorRows: [number, number | undefined, number, PlatformErrorKind, number | undefined][] = [
  [1, undefined, 500, 'unavailable', undefined], [2, undefined, 500, 'unavailable', undefined],
  [3, undefined, 400, 'permission', undefined], [10, undefined, 403, 'permission', undefined],
  [200, undefined, 403, 'permission', undefined], [299, undefined, 400, 'permission', undefined],
  [200, 1363120, 400, 'permission', undefined], [200, 1363144, 400, 'permission', undefined],
  [4, undefined, 400, 'rate_limited', 60_000], [17, undefined, 400, 'rate_limited', 60_000],
  [32, undefined, 400, 'rate_limited', 60_000], [613, undefined, 400, 'rate_limited', 60_000],
  [341, undefined, 400, 'rate_limited', 60_000], [80001, undefined, 400, 'rate_limited', 60_000],
  [100, undefined, 400, 'invalid_request', undefined], [100, 33, 400, 'not_found', undefined],
  [102, undefined, 400, 'auth', undefined], [190, undefined, 400, 'auth', undefined],
  [190, 458, 400, 'auth', undefined], [190, 459, 400, 'auth', undefined], [190, 460, 400, 'auth', undefined],
  [190, 463, 400, 'auth', undefined], [190, 464, 400, 'auth', undefined], [190, 467, 400, 'auth', undefined],
  [190, 492, 400, 'auth', undefined], [368, undefined, 400, 'policy', undefined],
  [506, undefined, 400, 'invalid_request', undefined], [1609005, undefined, 400, 'invalid_request', undefined],
];

describe('Facebook adapter: error classification over HTTP', () => {
  const feedPath = `/v23.0/${page}/feed`;
  const fault = (status: number, error: Record<string, unknown> | undefined, headers: Record<string, string> = {}): void => {
    sandbox.faults.add({ platform: 'facebook', match: feedPath, status, headers, times: 1, ...(error ? { body: { error: { type: 'OAuthException', fbtrace_id: 'AxYz123', message: 'text', ...error } } } : {}) });
  };

  test.each(errorRows)('classifies code %p subcode %p (HTTP %p) as %p', async (code, subcode, status, kind, retryAfterMs) => {
    fault(status, { code, ...(subcode === undefined ? {} : { error_subcode: subcode }) });
    const err = await failureOf(adapter.publishPost(anAccount(), aPost()));
    expect({ kind: err.kind, retryAfterMs: err.retryAfterMs, httpStatus: err.httpStatus, platformCode: err.platformCode }).toEqual({
      kind, retryAfterMs, httpStatus: status, platformCode: subcode === undefined ? String(code) : `${code}/${subcode}`,
    });
    expect(err.retryable).toBe(['unavailable', 'rate_limited'].includes(kind));
    expect(err.message).toContain("'Fanpage Chợ Cồn'");
  });

  test('waits the page estimate from X-Business-Use-Case-Usage on a page throttle', async () => {
    const usage = { [page]: [{ type: 'pages', call_count: 100, total_cputime: 30, total_time: 40, estimated_time_to_regain_access: 12 }] };
    fault(400, { code: 80001 }, { 'X-Business-Use-Case-Usage': JSON.stringify(usage) });
    expect((await failureOf(adapter.publishPost(anAccount(), aPost()))).retryAfterMs).toBe(12 * 60_000);
  });

  test('waits an hour when an app limit comes with a spent X-App-Usage', async () => {
    fault(400, { code: 4 }, { 'X-App-Usage': JSON.stringify({ call_count: 100, total_time: 20, total_cputime: 10 }) });
    expect((await failureOf(adapter.publishPost(anAccount(), aPost()))).retryAfterMs).toBe(3_600_000);
  });

  test('treats an HTTP 5xx without a body as unavailable', async () => {
    fault(503, undefined);
    const err = await failureOf(adapter.publishPost(anAccount(), aPost()));
    expect({ kind: err.kind, retryable: err.retryable, httpStatus: err.httpStatus }).toEqual({ kind: 'unavailable', retryable: true, httpStatus: 503 });
  });

  test('treats a refused connection as unavailable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => {
          resolve(free);
        });
      });
    });
    const err = await failureOf(buildAdapter(2000, `http://127.0.0.1:${String(port)}`).publishPost(anAccount(), aPost()));
    expect({ kind: err.kind, retryable: err.retryable }).toEqual({ kind: 'unavailable', retryable: true });
  });

  test('reports a held-back answer longer than the timeout as a timeout, though the post was made', async () => {
    const content = aPost();
    sandbox.faults.add({ platform: 'facebook', match: feedPath, delayMs: 1500, times: 1 });
    const err = await failureOf(buildAdapter(200).publishPost(anAccount(), content));
    expect({ kind: err.kind, retryable: err.retryable }).toEqual({ kind: 'timeout', retryable: true });
    await expect(adapter.findPost(anAccount(), content.marker)).resolves.not.toBeNull();
  });

  test.each([
    ['expired', '190/463', 'has expired'],
    ['revoked', '190/460', 'was revoked'],
    ['rotated', '190/467', 'is not valid any more'],
  ] as const)('refuses a page token the sandbox marked %s as auth %s and flags the account', async (state, platformCode, phrase) => {
    const token = `fb-page-token-${state}`;
    sandbox.tokens.check('facebook', token);
    sandbox.tokens.setState(token, state);
    const err = await failureOf(adapter.createLive(anAccount({ credentials: { accessToken: token } }), aLive()));
    expect({ kind: err.kind, platformCode: err.platformCode, retryable: err.retryable, flagsAccount: err.flagsAccount }).toEqual({ kind: 'auth', platformCode, retryable: false, flagsAccount: true });
    expect(err.message).toContain(`the Page token of 'Fanpage Chợ Cồn' ${phrase}`);
    expect(err.message).not.toContain(token);
  });
});

describe('Facebook adapter: logging', () => {
  test('logs its calls without the page token, even through a logger that redacts nothing', async () => {
    const lines: string[] = [];
    const capture = new (class extends Transport {
      override log(info: unknown, next: () => void): void {
        lines.push(JSON.stringify(info));
        next();
      }
    })();
    const passThrough = { addSecret: () => undefined, redact: <T>(value: T): T => value };
    // winston's Transport typings trip this rule for every transport (test/support/logger.ts too).
     
    const logger = createLogger({ level: 'debug', json: true, redactor: passThrough, transports: [capture] });
    const logged = createFacebookAdapter(sandboxEndpoints(sandbox.baseUrl).facebook, { clock, logger, timeoutMs: 5000 });
    const account = anAccount({ credentials: { accessToken: 'fb-secret-page-token-42' } });
    await logged.publishPost(account, aPost());
    sandbox.faults.add({ platform: 'facebook', match: `/v23.0/${page}/feed`, status: 400, body: { error: { code: 190, error_subcode: 460, message: 'x' } }, times: 1 });
    await failureOf(logged.publishPost(account, aPost()));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain('fb-secret-page-token-42');
  });
});

describe('sandbox Graph API', () => {
  const token = 'fb-page-token-chocon';
  const graphError = (body: unknown) => (body as { error: Record<string, unknown> }).error;

  test('takes the token from a Bearer header with a JSON body, and refuses a call without one (190)', async () => {
    const ok = await graph.post(`/${page}/feed`, { message: `Bearer post ${String(++seq)}` }, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-business-use-case-usage']).toContain(page);
    const refused = await graph.post(`/${page}/feed`, { message: 'no token' });
    expect(refused.status).toBe(400);
    expect(graphError(refused.data)).toMatchObject({ code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) });
  });

  test('answers unknown ids with 100/33, an fbtrace_id and an x-fb-trace-id header', async () => {
    const res = await graph.get('/777000999', { params: { access_token: token } });
    expect(res.status).toBe(400);
    expect(res.headers['x-fb-trace-id']).toEqual(expect.any(String));
    expect(graphError(res.data)).toMatchObject({ code: 100, error_subcode: 33, fbtrace_id: res.headers['x-fb-trace-id'] });
  });

  test('requires a message or a link on a feed post', async () => {
    const res = await graph.post(`/${page}/feed`, new URLSearchParams({ access_token: token }));
    expect(graphError(res.data)).toMatchObject({ code: 100 });
  });

  test('holds a scheduled feed post within 10 min – 30 days and publishes it when its time comes', async () => {
    const nowS = Math.floor(clock.now() / 1000);
    const tooSoon = await graph.post(`/${page}/feed`, new URLSearchParams({ access_token: token, message: 'soon', published: 'false', scheduled_publish_time: String(nowS + 300) }));
    expect(graphError(tooSoon.data)).toMatchObject({ code: 100, message: '(#100) The specified scheduled publish time is invalid.' });
    const tooLate = await graph.post(`/${page}/feed`, { access_token: token, message: 'late', published: false, scheduled_publish_time: nowS + 31 * 86_400 });
    expect(graphError(tooLate.data)).toMatchObject({ code: 100 });
    const held = await graph.post(`/${page}/feed`, { access_token: token, message: 'in an hour', published: false, scheduled_publish_time: nowS + 3600 });
    const id = (held.data as { id: string }).id;
    const scheduled = await graph.get(`/${page}/scheduled_posts`, { params: { access_token: token } });
    expect((scheduled.data as { data: { id: string }[] }).data.map((p) => p.id)).toContain(id);
    clock.advance(3_601_000);
    const post = await graph.get(`/${id}`, { params: { access_token: token, fields: 'id,message,is_published' } });
    expect(post.data).toEqual({ id, message: 'in an hour', is_published: true });
  });

  test('takes event_params as the reference\'s object only, and starts a fed scheduled live at its start', async () => {
    const start = Math.floor(clock.now() / 1000) + 1800;
    const bare = await graph.post(`/${page}/live_videos`, new URLSearchParams({ access_token: token, status: 'SCHEDULED_UNPUBLISHED', title: 'bare', event_params: String(start) }));
    expect(graphError(bare.data)).toMatchObject({ code: 100 });
    const created = await graph.post(`/${page}/live_videos`, new URLSearchParams({ access_token: token, status: 'SCHEDULED_UNPUBLISHED', title: 'object', event_params: JSON.stringify({ start_time: start }) }));
    const id = (created.data as { id: string }).id;
    expect(created.data).toMatchObject({ stream_url: expect.stringMatching(/^rtmp:/), secure_stream_url: expect.stringMatching(/^rtmps:/) });
    clock.advance(1_800_000);
    const live = await graph.get(`/${id}`, { params: { access_token: token, fields: 'status,planned_start_time' } });
    expect(live.data).toMatchObject({ id, status: 'LIVE' });
    const ended = await graph.post(`/${id}`, new URLSearchParams({ access_token: token, end_live_video: 'true' }));
    expect(ended.data).toEqual({ id });
    const restarted = await graph.post(`/${id}`, new URLSearchParams({ access_token: token, status: 'LIVE_NOW' }));
    expect(graphError(restarted.data)).toMatchObject({ code: 100 });
  });

  test('reports the usage a test set for a page until it is cleared or the sandbox is reset', async () => {
    const control = (method: string, body?: unknown) =>
      fetch(`${sandbox.baseUrl}/__sandbox/facebook/usage`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const usageOf = async (): Promise<unknown> => {
      const res = await graph.post(`/${page}/feed`, new URLSearchParams({ access_token: token, message: `usage ${String(++seq)}` }));
      return JSON.parse(String(res.headers['x-business-use-case-usage']));
    };
    expect((await control('POST', { pageId: page, callCount: 'lots' })).status).toBe(400);
    expect((await control('POST', { pageId: page, callCount: 88, totalTime: 12, totalCputime: 7, estimatedTimeToRegainAccess: 3 })).status).toBe(201);
    await expect(usageOf()).resolves.toEqual({ [page]: [{ type: 'pages', call_count: 88, total_cputime: 7, total_time: 12, estimated_time_to_regain_access: 3 }] });
    expect((await adapter.publishPost(anAccount(), aPost())).details?.usagePercent).toBe(88);

    expect((await control('DELETE')).status).toBe(204);
    const grown = (await usageOf()) as Record<string, { call_count: number }[]>;
    expect(grown[page]?.[0]?.call_count).toBeLessThan(10);

    await control('POST', { pageId: page, callCount: 99 });
    expect((await fetch(`${sandbox.baseUrl}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
    expect(sandbox.state.facebook.usage).toEqual({});
  });

  test('hands out never-expiring page tokens through /me/accounts and reports them in debug_token', async () => {
    const accounts = await graph.get('/me/accounts', { params: { access_token: 'fb-user-token-1' } });
    expect(accounts.headers['x-app-usage']).toEqual(expect.any(String));
    const [first] = (accounts.data as { data: { id: string; access_token: string; tasks: string[] }[] }).data;
    expect(first?.tasks).toContain('CREATE_CONTENT');
    const debug = await graph.get('/debug_token', { params: { input_token: first?.access_token, access_token: 'sandbox-app|sandbox-app-secret' } });
    expect((debug.data as { data: unknown }).data).toMatchObject({ is_valid: true, expires_at: 0, type: 'PAGE', profile_id: first?.id, scopes: expect.arrayContaining(['pages_manage_posts']) });
    const permissions = await graph.get('/me/permissions', { params: { access_token: 'fb-user-token-1' } });
    expect((permissions.data as { data: unknown[] }).data).toContainEqual({ permission: 'publish_video', status: 'granted' });
  });
});
